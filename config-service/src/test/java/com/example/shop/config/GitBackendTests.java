package com.example.shop.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The git backend an operator selects with {@code SPRING_PROFILES_ACTIVE=git} and
 * {@code CONFIG_GIT_URI}, against a throwaway repository laid out like this one
 * ({@code config-repo/} folder, branch {@code main}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("git")
class GitBackendTests {

	private static Path repository;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void gitRepository(DynamicPropertyRegistry registry) throws IOException, GitAPIException {
		repository = Files.createTempDirectory("config-git");
		Path folder = Files.createDirectories(repository.resolve("config-repo"));
		Files.writeString(folder.resolve("application.yml"), "shop:\n  greeting: shared from git\n");
		Files.writeString(folder.resolve("order-service.yml"), "orders:\n  max-lines: 7\n");
		try (Git git = Git.init().setInitialBranch("main").setDirectory(repository.toFile()).call()) {
			git.add().addFilepattern(".").call();
			git.commit().setMessage("Settings").setAuthor("test", "test@example.com").setSign(false).call();
		}
		registry.add("CONFIG_GIT_URI", () -> repository.toUri().toString());
	}

	@AfterAll
	static void deleteRepository() throws IOException {
		FileSystemUtils.deleteRecursively(repository);
	}

	@Test
	void servesTheConfigRepoFolderOfTheMainBranch() {
		RestClient client = TestUsers.CLIENT.client(this.port);

		ConfigEnvironment environment = ConfigEnvironment.fetch(client, "order-service", "default");

		assertThat(environment.text("orders.max-lines")).isEqualTo("7");
		assertThat(environment.text("shop.greeting")).isEqualTo("shared from git");
		// Readiness includes the backend's health: this instance can serve the
		// repository.
		assertThat(client.get().uri("/actuator/health/readiness").retrieve().body(String.class))
			.contains("\"status\":\"UP\"");
	}

}
