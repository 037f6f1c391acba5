package com.example.shop.auth.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties.Client;

import static org.assertj.core.api.Assertions.assertThat;

class LoginPagePolicyTests {

	@Test
	void letsTheLoginFormRedirectOnlyToItselfAndTheRegisteredRedirectUris() {
		OAuth2AuthorizationServerProperties properties = new OAuth2AuthorizationServerProperties();
		properties.getClient()
			.put("web", client("http://127.0.0.1/callback", "https://shop.example.com/callback",
					"http://localhost:8080/app/callback", "com.example.app:/callback"));
		properties.getClient().put("service", new Client());

		assertThat(LoginPagePolicy.contentSecurityPolicy(properties)).isEqualTo("default-src 'none'; style-src 'self'; "
				+ "form-action 'self' com.example.app: http://127.0.0.1:* http://localhost:8080 https://shop.example.com; "
				+ "frame-ancestors 'none'; base-uri 'none'");
	}

	@Test
	void letsTheLoginFormPostOnlyToItselfWithoutBrowserClients() {
		assertThat(LoginPagePolicy.contentSecurityPolicy(new OAuth2AuthorizationServerProperties()))
			.contains("form-action 'self';");
	}

	private static Client client(String... redirectUris) {
		Client client = new Client();
		client.getRegistration().getRedirectUris().addAll(List.of(redirectUris));
		return client;
	}

}
