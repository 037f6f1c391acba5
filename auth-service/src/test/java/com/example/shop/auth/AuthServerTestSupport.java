package com.example.shop.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * What the tests of auth-service over real HTTP share: the server on a random port, a
 * signing key of its own in a fresh temporary folder (created at start, deleted after the
 * test class), and an {@link AuthServer} client that calls it.
 */
abstract class AuthServerTestSupport {

	private static Path keyDirectory;

	@LocalServerPort
	int port;

	AuthServer server;

	@DynamicPropertySource
	static void signingKey(DynamicPropertyRegistry registry) throws IOException {
		keyDirectory = Files.createTempDirectory("auth-key");
		registry.add("auth.signing.key-file", () -> keyDirectory.resolve("signing-key.pem").toString());
	}

	@AfterAll
	static void deleteKey() throws IOException {
		FileSystemUtils.deleteRecursively(keyDirectory);
	}

	@BeforeEach
	void connectToTheServer() {
		this.server = new AuthServer(this.port);
	}

}
