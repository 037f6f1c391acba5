package com.example.shop.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The OAuth2 authorization server of the system: issues RS256-signed JWTs to the clients
 * registered in configuration and publishes the public key (JWKS) and discovery documents
 * that every resource server checks tokens against.
 */
@SpringBootApplication
public class AuthServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthServiceApplication.class, args);
	}

}
