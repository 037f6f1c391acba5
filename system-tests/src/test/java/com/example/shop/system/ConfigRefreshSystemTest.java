package com.example.shop.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.example.shop.system.Gateway.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Central configuration changed live: a system with Spring Cloud Bus over the machine's
 * RabbitMQ and two order-service instances. A new {@code orders.max-lines} in the served
 * repository (first the native folder, then a real git repository with a new commit)
 * reaches both instances through one {@code POST /actuator/busrefresh} on config-service,
 * and the next order on each obeys it, with no restart. When config-service dies, a
 * running instance keeps what it was served.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigRefreshSystemTest {

	private static final Duration STARTUP = Duration.ofMinutes(3);

	private static ShopSystem system;

	private static List<ServiceProcess> orderInstances;

	@BeforeAll
	static void startSystem() {
		system = ShopSystem.builder("config-refresh").bus().start();
		ServiceProcess second = system.startAnotherInstance("order");
		second.awaitReady(STARTUP);
		orderInstances = List.of(system.service("order"), second);
	}

	@AfterAll
	static void stopSystem() {
		if (system != null) {
			system.close();
		}
	}

	@Test
	@Order(1)
	void configServiceServesSettingsOnlyToItsClientAndRefreshesOnlyForItsOperator() {
		Gateway config = new Gateway(system.url("config"));

		Response anonymous = config.get("/order-service/default").send();
		Response refreshAsNobody = config.post("/actuator/busrefresh").send();

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.isProblem()).as(anonymous.toString()).isTrue();
		assertThat(refreshAsNobody.status()).isEqualTo(401);
	}

	@Test
	@Order(2)
	void aValueChangedInTheNativeRepositoryReachesEveryInstanceThroughOneBusRefresh() throws IOException {
		int limit = ShopSystem.MAX_LINES_IN_CONFIG_COPY;
		assertEveryInstanceAccepts(limit);

		setMaxLines(system.configRepo().resolve("order-service.yml"), 4);
		busRefresh();

		awaitEveryInstanceRefuses(5, 4);
		assertEveryInstanceAccepts(4);
		assertThat(orderInstances).as("no instance was restarted").allMatch(ServiceProcess::isAlive);
		assertThat(orderInstances).allSatisfy((instance) -> assertThat(instance.log()).as(instance.name())
			.doesNotContain("---- restarted by the test ----")
			.contains("Received remote refresh request"));
	}

	@Test
	@Order(3)
	void aNewCommitInTheGitRepositoryReachesEveryInstanceThroughOneBusRefresh() throws Exception {
		Path repository = system.configRepo().resolveSibling("config-git");
		createGitRepository(repository, system.configRepo());
		system.replaceConfigService("config-service-git", List.of("--spring.profiles.active=git",
				"--CONFIG_GIT_URI=" + repository.toUri(), "--spring.cloud.config.server.git.refresh-rate=0"));
		assertEveryInstanceAccepts(4);

		setMaxLines(repository.resolve("config-repo/order-service.yml"), 3);
		git(repository, "commit", "-q", "-am", "At most 3 lines an order");
		busRefresh();

		awaitEveryInstanceRefuses(4, 3);
		assertEveryInstanceAccepts(3);
		assertThat(orderInstances).as("no instance was restarted").allMatch(ServiceProcess::isAlive);
	}

	@Test
	@Order(4)
	void anInstanceKeepsItsLastConfigurationWhenConfigServiceDies() {
		system.service("config").kill();
		ServiceProcess instance = orderInstances.get(0);
		String ops = new Gateway(system.url("auth")).token("ops-client", system.opsClientSecret(), "ops");

		Response refresh = new Gateway(instance.url()).post("/actuator/refresh").token(ops).send();

		assertThat(refresh.status()).as(refresh.toString()).isIn(200, 503);
		assertThat(placeOrder(instance, 4).body()).contains("at most 3 lines");
		assertThat(new Gateway(instance.url()).get("/actuator/health/readiness").send().status()).isEqualTo(200);
	}

	private static void busRefresh() {
		Response refresh = new Gateway(system.url("config")).post("/actuator/busrefresh")
			.basic("config-admin", system.configAdminPassword())
			.send();
		assertThat(refresh.status()).as(refresh.toString()).isIn(200, 204);
	}

	private static void assertEveryInstanceAccepts(int lines) {
		for (ServiceProcess instance : orderInstances) {
			Response response = placeOrder(instance, lines);
			assertThat(response.body()).as(instance.name() + " takes an order of " + lines + " lines: " + response)
				.doesNotContain("lines, not");
			assertThat(response.status()).as(response.toString()).isLessThan(500);
		}
	}

	private static void awaitEveryInstanceRefuses(int lines, int limit) {
		for (ServiceProcess instance : orderInstances) {
			Awaitility.await(instance.name() + " refuses " + lines + " lines")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> {
					Response response = placeOrder(instance, lines);
					assertThat(response.status()).as(response.toString()).isEqualTo(400);
					assertThat(response.isProblem()).isTrue();
					assertThat(response.body()).contains("at most " + limit + " lines, not " + lines);
				});
		}
	}

	/**
	 * An order straight to one instance, of {@code lines} lines of items that do not
	 * exist: above the limit it is refused before anything else (400); within it,
	 * inventory's answer decides.
	 */
	private static Response placeOrder(ServiceProcess instance, int lines) {
		String token = new Gateway(system.url("auth")).token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET,
				"orders:write");
		List<Map<String, Object>> orderLines = new ArrayList<>();
		for (int line = 1; line <= lines; line++) {
			orderLines.add(Map.of("sku", "REFRESH-" + line, "quantity", 1));
		}
		return new Gateway(instance.url()).post("/api/orders")
			.token(token)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.json(Map.of("lines", orderLines))
			.send();
	}

	private static void setMaxLines(Path file, int limit) throws IOException {
		String original = Files.readString(file);
		String changed = original.replaceFirst("max-lines:\\s*\\d+", "max-lines: " + limit);
		assertThat(changed).as(file + " sets orders.max-lines").isNotEqualTo(original);
		Files.writeString(file, changed);
	}

	/**
	 * A git repository laid out like this one: the settings in a {@code config-repo/}
	 * folder, on branch {@code main}.
	 */
	private static void createGitRepository(Path repository, Path settings) throws Exception {
		ShopSystem.deleteRecursively(repository);
		Files.createDirectories(repository.resolve("config-repo"));
		try (Stream<Path> files = Files.list(settings)) {
			for (Path file : files.toList()) {
				Files.copy(file, repository.resolve("config-repo").resolve(file.getFileName()));
			}
		}
		git(repository, "init", "-q", "-b", "main");
		git(repository, "add", ".");
		git(repository, "commit", "-q", "-m", "Settings");
	}

	private static void git(Path repository, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Config Test", "-c",
				"user.email=config-test@example.com", "-c", "commit.gpgsign=false"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("git " + String.join(" ", args) + ": " + output).isZero();
	}

}
