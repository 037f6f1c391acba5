package com.example.shop.auth.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties.Client;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a client registration that would let anyone in. Secrets of
 * service clients come from the environment as <code>{noop}${ENV_VAR}</code>: an empty
 * variable would register an empty password, which the client secret check accepts. A
 * public client (client authentication method {@code none} alone, such as a browser app)
 * has no secret to check, so its authorization codes must be bound to it by PKCE, and its
 * refresh tokens, if any, rotated ({@link PublicClientRefreshTokens}).
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
			if (isPublic(client.getValue())) {
				checkPublicClient(client.getKey(), client.getValue(), problems);
			}
			else if (secret == null || secret.isBlank()) {
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

	private static boolean isPublic(Client client) {
		return Set.of(ClientAuthenticationMethod.NONE.getValue())
			.equals(client.getRegistration().getClientAuthenticationMethods());
	}

	private static void checkPublicClient(String name, Client client, List<String> problems) {
		Set<String> grantTypes = client.getRegistration().getAuthorizationGrantTypes();
		if (client.getRegistration().getClientSecret() != null) {
			problems.add(name + " is a public client (authentication method none) but has a secret");
		}
		if (!client.isRequireProofKey()) {
			problems.add(name + " is a public client without require-proof-key: true (PKCE)");
		}
		if (grantTypes.contains(AuthorizationGrantType.REFRESH_TOKEN.getValue())
				&& client.getToken().isReuseRefreshTokens()) {
			problems.add(name + " is a public client with refresh tokens that are not rotated "
					+ "(token.reuse-refresh-tokens must be false)");
		}
	}

}
