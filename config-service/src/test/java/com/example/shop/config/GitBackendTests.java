package com.example.shop.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
import static org.awaitility.Awaitility.await;

/**
 * The git backend an operator selects with {@code SPRING_PROFILES_ACTIVE=git} and
 * {@code CONFIG_GIT_URI}, against a real repository laid out like this one
 * ({@code config-repo/} folder, branch {@code main}), reached over {@code file://}: a
 * branch and a tag as labels, and new commits served after the refresh rate.
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
		try (Git git = Git.init().setInitialBranch("main").setDirectory(repository.toFile()).call()) {
			Files.writeString(folder.resolve("application.yml"), "shop:\n  greeting: shared from git\n");
			commit(git, folder, "orders:\n  max-lines: 5\n", "Settings of release 1");
			git.tag().setName("v1").setAnnotated(false).call();
			commit(git, folder, "orders:\n  max-lines: 7\n", "Settings");
			git.branchCreate().setName("canary").call();
			git.checkout().setName("canary").call();
			commit(git, folder, "orders:\n  max-lines: 9\n", "Canary settings");
			git.checkout().setName("main").call();
		}
		registry.add("CONFIG_GIT_URI", () -> repository.toUri().toString());
		registry.add("CONFIG_GIT_REFRESH_RATE", () -> "1");
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
		assertThat(environment.text("shop.greeting")).isNotBlank();
		// Readiness includes the backend's health: this instance can serve the
		// repository.
		assertThat(client.get().uri("/actuator/health/readiness").retrieve().body(String.class))
			.contains("\"status\":\"UP\"");
	}

	@Test
	void servesABranchAndATagNamedAsLabel() {
		RestClient client = TestUsers.CLIENT.client(this.port);

		assertThat(fetch(client, "canary").text("orders.max-lines")).isEqualTo("9");
		assertThat(fetch(client, "v1").text("orders.max-lines")).isEqualTo("5");
		assertThat(client.get()
			.uri("/order-service/default/no-such-label")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(404);
	}

	@Test
	void servesANewCommitOnTheDefaultBranchAfterTheRefreshRate() throws Exception {
		RestClient client = TestUsers.CLIENT.client(this.port);
		assertThat(fetch(client, "main").text("shop.greeting")).isEqualTo("shared from git");

		try (Git git = Git.open(repository.toFile())) {
			Files.writeString(repository.resolve("config-repo/application.yml"), "shop:\n  greeting: pushed later\n");
			git.add().addFilepattern(".").call();
			git.commit().setMessage("New greeting").setAuthor("test", "test@example.com").setSign(false).call();
		}

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(ConfigEnvironment.fetch(client, "order-service", "default").text("shop.greeting"))
						.isEqualTo("pushed later"));
	}

	private static ConfigEnvironment fetch(RestClient client, String label) {
		String body = client.get()
			.uri("/{application}/{profile}/{label}", "order-service", "default", label)
			.retrieve()
			.body(String.class);
		return new ConfigEnvironment(tools.jackson.databind.json.JsonMapper.builder().build().readTree(body));
	}

	private static void commit(Git git, Path folder, String orderService, String message)
			throws IOException, GitAPIException {
		Files.writeString(folder.resolve("order-service.yml"), orderService);
		git.add().addFilepattern(".").call();
		git.commit().setMessage(message).setAuthor("test", "test@example.com").setSign(false).call();
	}

}
