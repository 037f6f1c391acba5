package com.example.shop.auth.key;

import java.nio.file.Path;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.shop.auth.AuthServer;
import com.example.shop.auth.AuthServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Restarting auth-service, or running a second instance, over the same key file must not
 * invalidate the tokens already handed out.
 */
class SigningKeyRestartTests {

	@TempDir
	Path directory;

	@Test
	void keepsAcceptingTokensIssuedBeforeARestart() throws Exception {
		String[] arguments = arguments(this.directory.resolve("signing-key.pem"));
		String token;
		String keyId;
		try (ConfigurableApplicationContext before = start(arguments)) {
			AuthServer server = server(before);
			token = server.accessToken("ops-client", "ops-secret", "ops");
			keyId = server.jwks().getKeys().get(0).getKeyID();
		}

		try (ConfigurableApplicationContext after = start(arguments)) {
			AuthServer server = server(after);

			assertThat(server.jwks().getKeys().get(0).getKeyID()).isEqualTo(keyId);
			SignedJWT verified = server.verify(token);
			assertThat(verified.getHeader().getKeyID()).isEqualTo(keyId);
			// The restarted service itself accepts the old token too.
			assertThat(server.get("/actuator/metrics", token).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void refusesToStartWithoutAKeyWhenItMayNotCreateOne() {
		Path file = this.directory.resolve("missing.pem");
		String[] arguments = arguments(file);
		arguments[arguments.length - 1] = "--auth.signing.create-if-missing=false";

		assertThatException().isThrownBy(() -> start(arguments).close())
			.havingRootCause()
			.isInstanceOf(SigningKeyException.class)
			.withMessageContaining(file.toString());
	}

	private static String[] arguments(Path keyFile) {
		return new String[] { "--server.port=0", "--spring.cloud.config.enabled=false",
				"--ORDER_SERVICE_CLIENT_SECRET=order-secret", "--OPS_CLIENT_SECRET=ops-secret",
				"--auth.signing.key-file=" + keyFile, "--auth.signing.create-if-missing=true" };
	}

	private static ConfigurableApplicationContext start(String[] arguments) {
		return new SpringApplicationBuilder(AuthServiceApplication.class).run(arguments);
	}

	private static AuthServer server(ConfigurableApplicationContext context) {
		return new AuthServer(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
	}

}
