package com.example.shop.system;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import com.example.shop.system.Gateway.Response;
import com.example.shop.system.observability.GrafanaDashboard;
import com.example.shop.system.observability.PrometheusRules;
import com.example.shop.system.observability.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system as operators watch it, with a real Zipkin and a real Prometheus: one order
 * followed across gateway-, order- and inventory-service in Zipkin by the trace id its
 * answer names, problems that carry the same trace id as their header, log lines that
 * carry it too, every expression of the Grafana dashboards and of the alert rules
 * answered by Prometheus after a load of orders, promtool's lint of every service's
 * metrics, and logs that hold none of the tokens, secrets and passwords the test used.
 * The system, Zipkin and Prometheus start once for all of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilitySystemTest {

	private static final List<String> SERVICES = List.of("config", "auth", "inventory", "order", "gateway");

	private static final String TRACE_ID = "X-Trace-Id";

	private static final String ALICE_PASSWORD = "alice-password";

	private final Path root = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

	private final Path tools = this.root.resolve("system-tests/target/observability-tools");

	/** Every token this test was given, by what it was for, to look for in the logs. */
	private final Map<String, String> tokens = new LinkedHashMap<>();

	private ZipkinServer zipkin;

	private ShopSystem system;

	private PrometheusServer prometheus;

	private Gateway gateway;

	private Response tokenAnswer;

	private Response confirmed;

	private Response rejected;

	private Response badRequest;

	@BeforeAll
	void startTheSystemZipkinAndPrometheusAndPlaceOrders() throws Exception {
		long started = System.nanoTime();
		// Zipkin starts beside the services (they send their spans once it answers).
		this.zipkin = ZipkinServer.start(this.tools);
		// The embedded databases: what is watched here does not depend on the database,
		// and
		// the system starts sooner without creating any.
		ShopSystem.Builder builder = ShopSystem.builder("observability").embeddedDatabases();
		for (String service : SERVICES) {
			builder.args(service, "--management.tracing.export.zipkin.enabled=true",
					"--management.tracing.export.zipkin.endpoint=" + this.zipkin.spansEndpoint());
		}
		this.system = builder.start();
		this.zipkin.awaitReady(Duration.ofMinutes(2));
		Map<String, String> targets = new LinkedHashMap<>();
		SERVICES.forEach((service) -> targets.put(service + "-service", this.system.url(service)));
		Path rules = this.root.resolve("docker/prometheus/rules");
		this.prometheus = PrometheusServer.start(this.tools.resolve("prometheus"), targets,
				Files.isDirectory(rules) ? PrometheusRules.ruleFiles(rules) : List.of());
		this.gateway = new Gateway(this.system.gatewayUrl());
		System.out.printf("System, Zipkin and Prometheus ready after %d s%n",
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
		placeOrders();
		System.out.printf("Orders placed after %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
	}

	/**
	 * The traffic every test looks at: tokens of a client, a person and an operator,
	 * confirmed orders, a cancelled one, rejected ones (stock too short), a bad request,
	 * an unknown order, and a load of concurrent orders of which some are rejected.
	 */
	private void placeOrders() throws Exception {
		this.tokenAnswer = this.gateway.post("/oauth2/token")
			.basic(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET)
			.form("grant_type=client_credentials&scope=" + URLEncoder
				.encode("orders:read orders:write inventory:read inventory:write", StandardCharsets.UTF_8))
			.send();
		assertThat(this.tokenAnswer.status()).as(this.tokenAnswer.toString()).isEqualTo(200);
		String token = this.tokenAnswer.json().get("access_token").asString();
		this.tokens.put("the demo client's access token", token);

		LoginFlow alice = new LoginFlow(this.system.gatewayUrl(), UserLoginSystemTest.REDIRECT_URI);
		JsonNode aliceTokens = alice.tokens(alice.code("alice", ALICE_PASSWORD));
		for (String name : List.of("access_token", "refresh_token", "id_token")) {
			this.tokens.put("alice's " + name, aliceTokens.get(name).asString());
		}
		String ops = new Gateway(this.system.url("auth")).token("ops-client", this.system.opsClientSecret(), "ops");
		this.tokens.put("the ops client's access token", ops);
		Response metrics = new Gateway(this.system.url("order")).get("/actuator/metrics").token(ops).send();
		assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);

		String plenty = TestData.newItem(this.gateway, token, 1000);
		String scarce = TestData.newItem(this.gateway, token, 1);
		this.confirmed = TestData.placeOrder(this.gateway, token, UUID.randomUUID().toString(), Map.of(plenty, 1));
		assertThat(this.confirmed.status()).as(this.confirmed.toString()).isEqualTo(201);
		Response alicesOrder = TestData.placeOrder(this.gateway, aliceTokens.get("access_token").asString(),
				UUID.randomUUID().toString(), Map.of(plenty, 2));
		assertThat(alicesOrder.status()).as(alicesOrder.toString()).isEqualTo(201);
		Response cancelled = this.gateway.post("/api/orders/" + alicesOrder.json().get("id").asString() + "/cancel")
			.token(aliceTokens.get("access_token").asString())
			.send();
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		this.rejected = TestData.placeOrder(this.gateway, token, UUID.randomUUID().toString(), Map.of(scarce, 5));
		assertThat(this.rejected.status()).as(this.rejected.toString()).isEqualTo(409);
		this.badRequest = this.gateway.post("/api/orders")
			.token(token)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.rawJson("{\"lines\":[]}")
			.send();
		assertThat(this.badRequest.status()).as(this.badRequest.toString()).isEqualTo(400);
		Response unknown = this.gateway.get("/api/orders/" + UUID.randomUUID()).token(token).send();
		assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);

		String load = TestData.newItem(this.gateway, token, 20);
		OrderLoad.Result result = OrderLoad.of(this.gateway, token, load).orders(40, 8).quantityUpTo(2).run();
		System.out.println(result.summary());
		assertThat(result.withStatus(201)).as(result.summary()).isPositive();
		assertThat(result.withStatus(409)).as(result.summary()).isPositive();
	}

	@AfterAll
	void stop() {
		Stream.of(this.prometheus, this.system, this.zipkin).filter(java.util.Objects::nonNull).forEach((closeable) -> {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@Test
	@Order(1)
	void zipkinHoldsOneTraceOfAnOrderAcrossGatewayOrderAndInventoryService() {
		String traceId = traceIdOf(this.confirmed);
		String tokenTraceId = traceIdOf(this.tokenAnswer);

		Awaitility.await("spans of the order's trace " + traceId + " in Zipkin")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(this.zipkin.servicesOf(traceId))
				.containsAll(List.of("gateway-service", "order-service", "inventory-service")));
		Awaitility.await("spans of the token request's trace " + tokenTraceId + " in Zipkin")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(this.zipkin.servicesOf(tokenTraceId))
				.containsAll(List.of("gateway-service", "auth-service")));
		System.out.println("The order's trace: " + this.zipkin.servicesOf(traceId) + ", "
				+ this.zipkin.trace(traceId).size() + " spans");
	}

	@Test
	@Order(2)
	void everyProblemCarriesTheTraceIdOfItsAnswer() {
		SoftAssertions softly = new SoftAssertions();
		checkProblem(softly, "a bad order through the gateway", this.badRequest);
		checkProblem(softly, "an order rejected for short stock", this.rejected);
		for (String service : SERVICES) {
			// config-service: a read of settings without credentials; the others: an
			// actuator endpoint beyond health, info and prometheus without a token.
			String path = service.equals("config") ? "/order-service/default" : "/actuator/metrics";
			Response answer = new Gateway(this.system.url(service)).get(path).send();
			softly.assertThat(answer.status()).as(service + "-service " + path + ": " + answer).isEqualTo(401);
			checkProblem(softly, service + "-service without credentials", answer);
		}
		softly.assertAll();
	}

	private static void checkProblem(SoftAssertions softly, String what, Response answer) {
		softly.assertThat(answer.isProblem()).as(what + " is a problem: " + answer).isTrue();
		String header = answer.header(TRACE_ID);
		softly.assertThat(header).as(what + ": its " + TRACE_ID + " header").isNotNull().matches("[0-9a-f]{32}");
		if (answer.isProblem()) {
			JsonNode traceId = answer.json().get("traceId");
			softly.assertThat(traceId).as(what + ": the problem's traceId member: " + answer.body()).isNotNull();
			if (traceId != null) {
				softly.assertThat(traceId.asString())
					.as(what + ": the problem's traceId is its header's")
					.isEqualTo(header);
			}
		}
	}

	@Test
	@Order(3)
	void prometheusScrapesEveryServiceByItsServiceLabel() {
		List<String> services = SERVICES.stream().map((service) -> service + "-service").toList();
		Awaitility.await("every service up in Prometheus")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(labels("up == 1", "service")).containsAll(services));
		Awaitility.await("every service's HTTP requests in Prometheus")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(
					labels("sum by (service) (rate(http_server_requests_seconds_count[1m])) > 0", "service"))
				.containsAll(services));
	}

	private Set<String> labels(String promql, String label) {
		PrometheusServer.Answer answer = this.prometheus.query(promql);
		assertThat(answer.error()).as(promql).isEmpty();
		return answer.result()
			.stream()
			.map((sample) -> sample.path("metric").path(label).asString(""))
			.collect(Collectors.toCollection(java.util.TreeSet::new));
	}

	@Test
	@Order(4)
	void everyExpressionOfTheDashboardsAndTheAlertRulesReturnsData() throws Exception {
		requestsToEveryServiceWithinTheLastMinute();
		List<String> missing = new ArrayList<>();
		Map<Query, List<String>> pending = new LinkedHashMap<>();
		Path dashboards = this.root.resolve("docker/grafana/dashboards");
		List<GrafanaDashboard> boards = Files.isDirectory(dashboards) ? GrafanaDashboard.readAll(dashboards)
				: List.of();
		if (boards.isEmpty()) {
			missing.add("no dashboard (*.json) in docker/grafana/dashboards");
		}
		for (GrafanaDashboard board : boards) {
			Map<String, List<String>> values = new LinkedHashMap<>();
			board.variables().forEach((name, variable) -> {
				Set<String> candidates = new LinkedHashSet<>(variable.values());
				variable.labelValues()
					.ifPresent((source) -> candidates
						.addAll(this.prometheus.labelValues(source.label(), source.series())));
				values.put(name, List.copyOf(candidates));
			});
			board.queries()
				.forEach((query) -> pending.put(query, GrafanaDashboard.instantiate(query.expression(), values, 20)));
		}
		Path rules = this.root.resolve("docker/prometheus/rules");
		List<Path> ruleFiles = Files.isDirectory(rules) ? PrometheusRules.ruleFiles(rules) : List.of();
		if (ruleFiles.isEmpty()) {
			missing.add("no rule file (*.yml with groups) in docker/prometheus/rules");
		}
		ruleFiles.forEach((file) -> PrometheusRules.queries(file)
			.forEach((query) -> pending.put(query, List.of(query.expression()))));
		int total = pending.size();

		// Rates need two scrapes, recording rules an evaluation: a few rounds, a second
		// apart, before an expression counts as answering nothing.
		Map<Query, String> reasons = new LinkedHashMap<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		do {
			reasons.clear();
			pending.entrySet().removeIf((entry) -> {
				List<String> answers = new ArrayList<>();
				for (String candidate : entry.getValue()) {
					PrometheusServer.Answer answer = this.prometheus.query(candidate);
					if (answer.hasData()) {
						return true;
					}
					answers.add(entry.getValue().size() > 1 ? candidate + " -> " + answer : answer.toString());
				}
				reasons.put(entry.getKey(), String.join("; ", answers));
				return false;
			});
			if (!pending.isEmpty()) {
				Thread.sleep(1000);
			}
		}
		while (!pending.isEmpty() && System.nanoTime() < deadline);

		System.out.printf("%d of %d expressions of the dashboards and rules returned data%n", total - pending.size(),
				total);
		reasons.forEach((query, reason) -> missing.add(query + "\n      -> " + reason));
		assertThat(missing)
			.as("expressions that returned nothing after a load of orders:\n  " + String.join("\n  ", missing) + "\n")
			.isEmpty();
	}

	/**
	 * The dashboard's rates look one minute back, and the tests before this one may have
	 * taken longer than that since the load: some requests again to every service, each
	 * through its own API (config-service's settings as a service reads them), and two
	 * scrapes' time for Prometheus to see them.
	 */
	private void requestsToEveryServiceWithinTheLastMinute() throws Exception {
		String token = this.gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET,
				"orders:read orders:write inventory:read inventory:write");
		String item = TestData.newItem(this.gateway, token, 100);
		for (int i = 0; i < 5; i++) {
			Response order = TestData.placeOrder(this.gateway, token, UUID.randomUUID().toString(), Map.of(item, 1));
			assertThat(order.status()).as(order.toString()).isEqualTo(201);
		}
		Response settings = new Gateway(this.system.url("config")).get("/order-service/default")
			.basic("config-client", this.system.secret("CONFIG_SERVER_PASSWORD"))
			.send();
		assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
		Thread.sleep(2500);
	}

	@Test
	@Order(5)
	void promtoolFindsNothingWrongWithTheShopsMetricsOrTheLabelNames() throws Exception {
		Path promtool = PrometheusServer.executable("promtool");
		SoftAssertions softly = new SoftAssertions();
		for (String service : SERVICES) {
			Response metrics = new Gateway(this.system.url(service)).get("/actuator/prometheus").send();
			assertThat(metrics.status()).as(service + ": " + metrics.status()).isEqualTo(200);
			Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
				.start();
			try (var input = check.getOutputStream()) {
				input.write(metrics.body().getBytes(StandardCharsets.UTF_8));
			}
			String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
			List<String> findings = output.lines().filter((line) -> !line.isBlank()).toList();
			softly.assertThat(output)
				.as(service + ": promtool could not read the metrics")
				.doesNotContain("error while");
			softly.assertThat(findings)
				.as(service + "-service: promtool's findings about shop_ metrics or camelCase label names")
				.noneMatch((line) -> line.startsWith("shop_") || line.contains("camelCase")
						|| line.contains("snake_case"));
			System.out.printf("promtool check metrics, %s-service: exit %d, %d findings%s%n", service,
					check.exitValue(), findings.size(), findings.isEmpty() ? "" : " (" + summary(findings) + ")");
		}
		softly.assertAll();
	}

	/** How many findings of each kind (the text after the metric's name). */
	private static String summary(List<String> findings) {
		Map<String, Long> kinds = findings.stream()
			.map((line) -> line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : line)
			.collect(Collectors.groupingBy((kind) -> kind, java.util.TreeMap::new, Collectors.counting()));
		return kinds.entrySet()
			.stream()
			.map((kind) -> kind.getValue() + " x " + kind.getKey())
			.collect(Collectors.joining(", "));
	}

	@Test
	@Order(6)
	void aLogLineWrittenWhileHandlingARequestCarriesItsTraceId() {
		String traceId = traceIdOf(this.rejected);
		String orderId = this.rejected.json().get("orderId").asString();

		List<String> lines = this.system.service("order")
			.log()
			.lines()
			.filter((line) -> line.contains("Inventory rejected the reservation of order " + orderId))
			.toList();
		assertThat(lines).as("order-service logged the rejection of order " + orderId).isNotEmpty();
		assertThat(lines).as("the rejection's log line carries the trace id of the request, " + traceId)
			.allMatch((line) -> line.contains(traceId));
	}

	@Test
	@Order(7)
	void noLogHoldsATokenASecretOrAPasswordTheTestUsed() throws IOException {
		Map<String, String> secrets = new LinkedHashMap<>();
		this.tokens.forEach((what, token) -> {
			secrets.put(what, token);
			// A signature alone is as good as the token to whoever wants to replay it.
			secrets.put("the signature of " + what, token.substring(token.lastIndexOf('.') + 1));
		});
		secrets.put("the demo client's secret", ShopSystem.DEMO_SECRET);
		secrets.put("order-service's client secret", this.system.secret("ORDER_SERVICE_CLIENT_SECRET"));
		secrets.put("the ops client's secret", this.system.opsClientSecret());
		secrets.put("config-service's client password", this.system.secret("CONFIG_SERVER_PASSWORD"));
		secrets.put("config-service's admin password", this.system.configAdminPassword());
		secrets.put("config-service's encryption key", this.system.secret("ENCRYPT_KEY"));
		secrets.put("alice's password", ALICE_PASSWORD);

		List<Path> logs;
		try (Stream<Path> files = Files.list(this.system.logDir())) {
			logs = files.filter((file) -> file.getFileName().toString().endsWith(".log")).sorted().toList();
		}
		assertThat(logs).as("the services' logs").hasSizeGreaterThanOrEqualTo(SERVICES.size());
		List<String> leaks = new ArrayList<>();
		for (Path log : logs) {
			String content = Files.readString(log);
			secrets.forEach((what, secret) -> {
				if (!secret.isEmpty() && content.contains(secret)) {
					leaks.add(what + " in " + log.getFileName());
				}
			});
		}
		assertThat(leaks).as("secrets found in the logs " + logs.stream().map(Path::getFileName).toList()).isEmpty();
	}

	private static String traceIdOf(Response answer) {
		String traceId = answer.header(TRACE_ID);
		assertThat(traceId).as("the " + TRACE_ID + " header of " + answer).isNotNull().matches("[0-9a-f]{32}");
		return traceId;
	}

}
