package com.example.shop.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret of this repository's {@code config-repo/} is committed in plain text; and the
 * check itself catches one (so that it cannot pass by finding nothing at all).
 */
class PlainTextSecretsTests {

	private static final Path CONFIG_REPO = Path.of("../config-repo");

	@Test
	void keepsEveryFileOfTheConfigRepoFreeOfPlainTextSecrets() {
		assertThat(CONFIG_REPO.resolve("application.yml")).exists();
		// The walk reads real files with secret-like keys: the check has something to
		// look at.
		assertThat(PlainTextSecrets.flatten(CONFIG_REPO.resolve("order-service-docker.yml")))
			.containsEntry("spring.datasource.password", "${ORDER_DB_PASSWORD}");

		assertThat(PlainTextSecrets.in(CONFIG_REPO)).as("plain-text secrets in config-repo/ (file: key)").isEmpty();
	}

	@Test
	void namesTheFileAndKeyOfEveryPlainTextSecret(@TempDir Path repo) throws IOException {
		Files.writeString(repo.resolve("order-service.yml"), """
				spring:
				  datasource:
				    password: hunter2
				    username: orders
				shop:
				  payment:
				    client-secret: "{noop}plain"
				    api-key: 12345
				    encrypted-token: '{cipher}0a1b2c3d'
				    from-env-password: ${PAYMENT_PASSWORD}
				    empty-default-secret: ${PAYMENT_SECRET:}
				    defaulted-password: ${PAYMENT_PASSWORD:changeme}
				    noop-env-secret: "{noop}${PAYMENT_SECRET}"
				    key-file: /run/secrets/key.pem
				    requested-tokens: 1
				    access-token-ttl: 5m
				    keys:
				      - name: first
				        private-key: MIIEvQIBADANBg
				---
				spring:
				  config:
				    activate:
				      on-profile: docker
				  rabbitmq:
				    PASSWORD: guest
				""");
		Files.createDirectories(repo.resolve("nested"));
		Files.writeString(repo.resolve("nested/legacy.properties"), "mail.smtp-password=letmein\nmail.host=smtp\n");

		assertThat(PlainTextSecrets.in(repo)).containsExactlyInAnyOrder("nested/legacy.properties: mail.smtp-password",
				"order-service.yml: spring.datasource.password", "order-service.yml: shop.payment.client-secret",
				"order-service.yml: shop.payment.api-key", "order-service.yml: shop.payment.defaulted-password",
				"order-service.yml: shop.payment.keys[0].private-key", "order-service.yml: spring.rabbitmq.PASSWORD");
	}

}
