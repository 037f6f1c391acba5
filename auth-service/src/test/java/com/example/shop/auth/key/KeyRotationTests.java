package com.example.shop.auth.key;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.example.shop.auth.AuthServer;
import com.example.shop.auth.AuthServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The operator's rotation (docs/security.md), step by step, with real key files, real
 * restarts and a resource server's own JWKS client: a new key signs, the previous one
 * stays published so that the tokens it signed stay valid, and once it is dropped they
 * are refused.
 */
class KeyRotationTests {

	@TempDir
	Path directory;

	@Test
	void theNewKeySignsAndTokensOfThePreviousKeyStayValidUntilItIsDropped() throws Exception {
		Path oldKey = this.directory.resolve("old-key.pem");
		Path newKey = this.directory.resolve("new-key.pem");
		String oldToken;
		String oldKeyId;
		try (ConfigurableApplicationContext before = start(oldKey, List.of())) {
			AuthServer server = server(before);
			oldToken = server.accessToken("ops-client", "ops-secret", "ops");
			oldKeyId = SignedJWT.parse(oldToken).getHeader().getKeyID();
		}

		// Step 2: the new key signs, the old one is published as previous.
		try (ConfigurableApplicationContext rotated = start(newKey, List.of(oldKey))) {
			AuthServer server = server(rotated);
			String newToken = server.accessToken("ops-client", "ops-secret", "ops");
			String newKeyId = SignedJWT.parse(newToken).getHeader().getKeyID();

			assertThat(newKeyId).isNotEqualTo(oldKeyId);
			assertThat(server.jwks().getKeys()).extracting(JWK::getKeyID).containsExactly(newKeyId, oldKeyId);
			assertThat(server.jwks().getKeys()).noneMatch(JWK::isPrivate);
			// A resource server, as every service checks tokens: through the JWKS URL.
			JwtDecoder resourceServer = NimbusJwtDecoder.withJwkSetUri(server.url("/oauth2/jwks")).build();
			assertThat(resourceServer.decode(oldToken).getSubject()).isEqualTo("ops-client");
			assertThat(resourceServer.decode(newToken).getSubject()).isEqualTo("ops-client");
			// auth-service itself accepts both.
			assertThat(server.get("/actuator/metrics", oldToken).statusCode()).isEqualTo(200);
			assertThat(server.get("/actuator/metrics", newToken).statusCode()).isEqualTo(200);
		}

		// Step 3, once the old tokens have expired: the old key is dropped.
		try (ConfigurableApplicationContext after = start(newKey, List.of())) {
			AuthServer server = server(after);

			assertThat(server.jwks().getKeys()).extracting(JWK::getKeyID).doesNotContain(oldKeyId).hasSize(1);
			assertThat(server.get("/actuator/metrics", oldToken).statusCode()).isEqualTo(401);
		}
	}

	@Test
	void refusesToStartWhenAPreviousKeyFileIsMissing() {
		Path missing = this.directory.resolve("gone.pem");

		assertThatException().isThrownBy(() -> start(this.directory.resolve("key.pem"), List.of(missing)).close())
			.havingRootCause()
			.isInstanceOf(SigningKeyException.class)
			.withMessageContaining(missing.toString());
	}

	private static ConfigurableApplicationContext start(Path keyFile, List<Path> previousKeyFiles) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.cloud.config.enabled=false",
				"--ORDER_SERVICE_CLIENT_SECRET=order-secret", "--OPS_CLIENT_SECRET=ops-secret",
				"--auth.signing.key-file=" + keyFile, "--auth.signing.create-if-missing=true"));
		for (int i = 0; i < previousKeyFiles.size(); i++) {
			arguments.add("--auth.signing.previous-key-files[" + i + "]=" + previousKeyFiles.get(i));
		}
		return new SpringApplicationBuilder(AuthServiceApplication.class).run(arguments.toArray(String[]::new));
	}

	private static AuthServer server(ConfigurableApplicationContext context) {
		return new AuthServer(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
	}

}
