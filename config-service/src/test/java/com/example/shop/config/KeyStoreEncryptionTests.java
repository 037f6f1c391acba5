package com.example.shop.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented alternative to a symmetric key: an RSA key pair in a PKCS12 key store
 * ({@code encrypt.key-store.*}), made here with the JDK's own {@code keytool}.
 */
// Set through system properties, which the context cache does not see: no other test
// class may reuse this context, and none of this class's may be reused.
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class KeyStoreEncryptionTests {

	private static Path folder;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void keyStore(DynamicPropertyRegistry registry) throws IOException, InterruptedException {
		folder = Files.createTempDirectory("config-keystore");
		Path keyStore = folder.resolve("config-server.p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(
				List.of(keytool.toString(), "-genkeypair", "-alias", "config-server", "-keyalg", "RSA", "-keysize",
						"2048", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass",
						"store-password", "-keypass", "store-password", "-dname", "CN=config-server", "-validity", "2"))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as(output).isZero();
		Path repository = Files.createDirectories(folder.resolve("repo"));
		registry.add("spring.cloud.config.server.native.search-locations", () -> repository.toUri().toString());
		// System properties, like the ENCRYPT_KEYSTORE_* variables they stand for: the
		// key
		// store is read while the environment is prepared, before dynamic properties
		// exist.
		System.setProperty("encrypt.key-store.location", keyStore.toUri().toString());
		System.setProperty("encrypt.key-store.password", "store-password");
		System.setProperty("encrypt.key-store.alias", "config-server");
		System.setProperty("encrypt.key-store.secret", "store-password");
		System.setProperty("encrypt.key-store.type", "PKCS12");
	}

	@AfterAll
	static void deleteFolder() throws IOException {
		for (String name : new String[] { "location", "password", "alias", "secret", "type" }) {
			System.clearProperty("encrypt.key-store." + name);
		}
		FileSystemUtils.deleteRecursively(folder);
	}

	@Test
	void servesTheDecryptedValueOfAnRsaCipher() throws IOException {
		String cipher = TestUsers.OPERATOR.client(this.port)
			.post()
			.uri("/encrypt")
			.contentType(MediaType.TEXT_PLAIN)
			.body("rsa-protected-password")
			.retrieve()
			.body(String.class);
		assertThat(cipher).isNotBlank().doesNotContain("rsa-protected");
		Files.writeString(folder.resolve("repo/order-service.yml"),
				"spring:\n  datasource:\n    password: \"{cipher}" + cipher + "\"\n");

		ConfigEnvironment environment = ConfigEnvironment.fetch(TestUsers.CLIENT.client(this.port), "order-service",
				"default");

		assertThat(environment.text("spring.datasource.password")).isEqualTo("rsa-protected-password");
	}

}
