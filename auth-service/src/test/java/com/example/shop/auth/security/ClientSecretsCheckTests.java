package com.example.shop.auth.security;

import java.util.List;

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

	@Test
	void acceptsAPublicClientWithPkceAndRotatedRefreshTokens() {
		OAuth2AuthorizationServerProperties properties = new OAuth2AuthorizationServerProperties();
		properties.getClient().put("shop-web", publicClient(true, false));

		assertThatNoException().isThrownBy(() -> new ClientSecretsCheck(properties).afterPropertiesSet());
	}

	@Test
	void refusesAPublicClientWithoutPkce() {
		OAuth2AuthorizationServerProperties properties = new OAuth2AuthorizationServerProperties();
		properties.getClient().put("shop-web", publicClient(false, false));

		assertThatIllegalStateException().isThrownBy(() -> new ClientSecretsCheck(properties).afterPropertiesSet())
			.withMessageContaining("shop-web is a public client without require-proof-key: true");
	}

	@Test
	void refusesAPublicClientWhoseRefreshTokensAreNotRotated() {
		OAuth2AuthorizationServerProperties properties = new OAuth2AuthorizationServerProperties();
		properties.getClient().put("shop-web", publicClient(true, true));

		assertThatIllegalStateException().isThrownBy(() -> new ClientSecretsCheck(properties).afterPropertiesSet())
			.withMessageContaining("shop-web is a public client with refresh tokens that are not rotated");
	}

	@Test
	void refusesAPublicClientWithASecret() {
		OAuth2AuthorizationServerProperties properties = new OAuth2AuthorizationServerProperties();
		Client client = publicClient(true, false);
		client.getRegistration().setClientSecret("{noop}secret");
		properties.getClient().put("shop-web", client);

		assertThatIllegalStateException().isThrownBy(() -> new ClientSecretsCheck(properties).afterPropertiesSet())
			.withMessageContaining("shop-web is a public client (authentication method none) but has a secret");
	}

	private static Client publicClient(boolean requireProofKey, boolean reuseRefreshTokens) {
		Client client = new Client();
		client.getRegistration().setClientId("shop-web");
		client.getRegistration().getClientAuthenticationMethods().add("none");
		client.getRegistration().getAuthorizationGrantTypes().addAll(List.of("authorization_code", "refresh_token"));
		client.setRequireProofKey(requireProofKey);
		client.getToken().setReuseRefreshTokens(reuseRefreshTokens);
		return client;
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
