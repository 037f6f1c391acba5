package com.example.shop.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code {cipher}} values with the symmetric key from {@code ENCRYPT_KEY}: the operator
 * encrypts through the server, the value goes into the repository, and clients receive
 * the plain text.
 */
// Set through system properties, which the context cache does not see: no other test
// class may reuse this context, and none of this class's may be reused.
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EncryptionTests {

	private static Path repository;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void repository(DynamicPropertyRegistry registry) throws IOException {
		repository = Files.createTempDirectory("config-cipher");
		registry.add("spring.cloud.config.server.native.search-locations", () -> repository.toUri().toString());
		// A system property, like the environment variable it stands for: the key is read
		// while the environment is prepared, before a test's dynamic properties exist.
		System.setProperty("ENCRYPT_KEY", "a-symmetric-key-for-tests-only-0123456789");
	}

	@AfterAll
	static void deleteRepository() throws IOException {
		System.clearProperty("ENCRYPT_KEY");
		FileSystemUtils.deleteRecursively(repository);
	}

	@Test
	void servesTheDecryptedValueOfACipherTheOperatorCreatedThroughTheServer() throws IOException {
		ResponseEntity<String> encrypted = encrypt(TestUsers.OPERATOR, "s3cret-db-password");
		assertThat(encrypted.getStatusCode().value()).isEqualTo(200);
		String cipher = encrypted.getBody();
		assertThat(cipher).isNotBlank().doesNotContain("s3cret");
		Files.writeString(repository.resolve("order-service.yml"),
				"spring:\n  datasource:\n    password: '{cipher}" + cipher + "'\n");

		ConfigEnvironment environment = ConfigEnvironment.fetch(TestUsers.CLIENT.client(this.port), "order-service",
				"default");

		assertThat(environment.text("spring.datasource.password")).isEqualTo("s3cret-db-password");
	}

	@Test
	void servesAnInvalidMarkerInsteadOfACipherItCannotDecrypt() throws IOException {
		Files.writeString(repository.resolve("inventory-service.yml"),
				"spring:\n  datasource:\n    password: '{cipher}this-is-no-cipher-text'\n"
						+ "    username: inventory\n");

		ConfigEnvironment environment = ConfigEnvironment.fetch(TestUsers.CLIENT.client(this.port), "inventory-service",
				"default");

		// The client never sees the cipher text or a wrong plain text: the key is
		// renamed, so the client's own default (or its failure to start) applies.
		assertThat(environment.property("spring.datasource.password")).isNull();
		assertThat(environment.text("invalid.spring.datasource.password")).isEqualTo("<n/a>");
		assertThat(environment.text("spring.datasource.username")).isEqualTo("inventory");
	}

	@Test
	void decryptsForTheOperatorOnly() {
		ResponseEntity<String> encrypted = encrypt(TestUsers.OPERATOR, "round trip");
		assertThat(encrypted.getStatusCode().value()).isEqualTo(200);
		String cipher = encrypted.getBody();

		assertThat(decrypt(TestUsers.OPERATOR, cipher).getBody()).isEqualTo("round trip");
		assertThat(decrypt(TestUsers.CLIENT, cipher).getStatusCode().value()).isEqualTo(403);
		assertThat(decrypt(TestUsers.ANONYMOUS, cipher).getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void answersACipherTextOfAnotherKeyWithAProblem() {
		ResponseEntity<String> response = decrypt(TestUsers.OPERATOR, "not-a-cipher-of-this-key");

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).isNotNull();
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.isTrue();
		assertThat(response.getBody()).contains("\"status\":400").contains("Text not encrypted with this key");
	}

	@Test
	void encryptsForTheOperatorOnly() {
		ResponseEntity<String> client = encrypt(TestUsers.CLIENT, "x");
		ResponseEntity<String> anonymous = encrypt(TestUsers.ANONYMOUS, "x");

		assertThat(client.getStatusCode().value()).isEqualTo(403);
		assertThat(client.getHeaders().getContentType()).hasToString("application/problem+json;charset=UTF-8");
		assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
		assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Basic realm=\"config-service\"");
	}

	private ResponseEntity<String> encrypt(TestUsers user, String plain) {
		return send(user.client(this.port), "/encrypt", plain);
	}

	private ResponseEntity<String> decrypt(TestUsers user, String cipher) {
		return send(user.client(this.port), "/decrypt", cipher);
	}

	private static ResponseEntity<String> send(RestClient client, String path, String body) {
		return client.post().uri(path).contentType(MediaType.TEXT_PLAIN).body(body).retrieve().toEntity(String.class);
	}

}
