package com.example.shop.auth.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties.Client;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a client secret that would let anyone in. Secrets of service
 * clients come from the environment as <code>{noop}${ENV_VAR}</code>: an empty variable
 * would register an empty password, which the client secret check accepts.
 */
@Component
class ClientSecretsCheck implements InitializingBean {

	private final OAuth2AuthorizationServerProperties properties;

	ClientSecretsCheck(OAuth2AuthorizationServerProperties properties) {
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, Client> client : this.properties.getClient().entrySet()) {
			String secret = client.getValue().getRegistration().getClientSecret();
			if (secret == null || secret.isBlank()) {
				problems.add(client.getKey() + " has no secret");
			}
			else if (!secret.matches("\\{[^}]+}.*")) {
				problems.add(client.getKey() + " has no encoding prefix such as {bcrypt} or {noop}");
			}
			else if (secret.substring(secret.indexOf('}') + 1).isBlank()) {
				problems.add(client.getKey() + " has an empty secret (is its environment variable set?)");
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Unsafe OAuth2 client registrations under "
					+ "spring.security.oauth2.authorizationserver.client: " + String.join("; ", problems));
		}
	}

}
