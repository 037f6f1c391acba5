package com.example.shop.auth.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties.Client;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ClientSecretsCheckTests {

	@Test
	void refusesAServiceClientWhoseSecretVariableIsEmpty() {
		OAuth2AuthorizationServerProperties properties = properties("order-service", "{noop}");

		assertThatIllegalStateException().isThrownBy(() -> new ClientSecretsCheck(properties).afterPropertiesSet())
			.withMessageContaining("order-service has an empty secret");
	}

	@Test
	void refusesASecretWithoutEncodingPrefix() {
		OAuth2AuthorizationServerProperties properties = properties("demo-client", "demo-secret");

		assertThatIllegalStateException().isThrownBy(() -> new ClientSecretsCheck(properties).afterPropertiesSet())
			.withMessageContaining("demo-client has no encoding prefix");
	}

	@Test
	void acceptsHashedAndEnvironmentProvidedSecrets() {
		OAuth2AuthorizationServerProperties properties = properties("order-service", "{noop}s3cr3t-from-env");
		properties.getClient().put("demo-client", client("demo-client", "{bcrypt}$2a$10$abcdefghijklmnopqrstuv"));

		assertThatNoException().isThrownBy(() -> new ClientSecretsCheck(properties).afterPropertiesSet());
	}

	private static OAuth2AuthorizationServerProperties properties(String clientId, String secret) {
		OAuth2AuthorizationServerProperties properties = new OAuth2AuthorizationServerProperties();
		properties.getClient().put(clientId, client(clientId, secret));
		return properties;
	}

	private static Client client(String clientId, String secret) {
		Client client = new Client();
		client.getRegistration().setClientId(clientId);
		client.getRegistration().setClientSecret(secret);
		return client;
	}

}
