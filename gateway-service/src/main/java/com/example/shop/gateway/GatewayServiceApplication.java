package com.example.shop.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The single public entry of the system: routes {@code /api/**} and the token endpoints
 * to the services, checks tokens before anything reaches them and answers every error of
 * its own as a problem. The routes live in {@code application.yml}.
 */
@SpringBootApplication
public class GatewayServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatewayServiceApplication.class, args);
	}

}
