package com.example.shop.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.config.server.EnableConfigServer;

/**
 * The central configuration server: every other service imports its settings from here at
 * start ({@code spring.config.import=optional:configserver:...}). The backend (native
 * folder or git repository) is chosen by profile in {@code application.yml}.
 */
@SpringBootApplication
@EnableConfigServer
public class ConfigServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConfigServiceApplication.class, args);
	}

}
