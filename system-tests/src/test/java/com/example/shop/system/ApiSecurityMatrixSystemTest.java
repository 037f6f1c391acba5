package com.example.shop.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OWASP API Security Top 10 (2023) as a matrix over every endpoint of order- and
 * inventory-service and every actuator endpoint beyond health, info and prometheus, each
 * through the gateway and directly at the service, so that no service relies on the
 * gateway's checks. Each row's name says which item of the Top 10 it covers, what is
 * wrong with the request and where it goes. docs/security.md maps each item to its rows.
 * <p>
 * Tokens are auth-service's own, or made like them with auth-service's real signing key
 * ({@link ForgedTokens}) with exactly one thing wrong; the "control" rows send the same
 * token with nothing wrong and must get through, so a refusal can only come from that one
 * thing.
 */
@ExtendWith(ShopSystem.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiSecurityMatrixSystemTest {

	private static final String PROBLEMS = "https://shop.example.com/problems/";

	/** What an answer must never show: exception classes, stack frames, packages, SQL. */
	private static final Pattern LEAK = Pattern.compile(
			"Exception|Throwable|\\tat |\\bat [\\w$.]+\\(|\\bjava\\.|jakarta\\.|org\\.springframework|tools\\.jackson"
					+ "|com\\.fasterxml|org\\.hibernate|org\\.postgresql|org\\.h2|org\\.apache|com\\.example|\\bSQL");

	private static final List<String> DEMO_SCOPES = List.of("orders:read", "orders:write", "inventory:read",
			"inventory:write");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static ShopSystem system;

	private static Fixture fixture;

	@BeforeAll
	static void issueTokensAndCreateTheData(ShopSystem shop, Gateway gateway) {
		system = shop;
		String demo = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, DEMO_SCOPES.toArray(String[]::new));
		String second = gateway.token(ShopSystem.SECOND_CLIENT, ShopSystem.SECOND_SECRET, "orders:read",
				"orders:write");
		String ops = new Gateway(shop.url("auth")).token("ops-client", shop.opsClientSecret(), "ops");
		ForgedTokens forged = ForgedTokens.signingLike(shop.dataDir().resolve("auth"), demo);
		// Like order-service's own token for inventory (whose client secret only the
		// system knows): demo-client's, made out to order-service for inventory:reserve.
		String reserve = forged.resign(demo, (claims) -> {
			claims.put("sub", "order-service");
			claims.put("client_id", "order-service");
			claims.putArray("aud").add("inventory-service");
			claims.putArray("scope").add("inventory:reserve");
		});
		String sku = TestData.newItem(gateway, demo, 1_000);
		String putSku = TestData.newItem(gateway, demo, 5);
		String own = created(TestData.placeOrder(gateway, demo, "matrix-own-" + sku, Map.of(sku, 1)));
		String toCancel = created(TestData.placeOrder(gateway, demo, "matrix-cancel-" + sku, Map.of(sku, 1)));
		String victim = created(TestData.placeOrder(gateway, second, "matrix-victim-" + sku, Map.of(sku, 1)));
		UUID reservation = UUID.randomUUID();
		fixture = new Fixture(demo, second, ops, reserve, forged, sku, putSku, own, toCancel, victim, reservation);
		Answer reserved = send("inventory", Endpoint.RESERVE, reserve);
		assertThat(reserved.status()).as(reserved.toString()).isEqualTo(201);
	}

	private static String created(Gateway.Response placed) {
		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
		return placed.json().get("id").asString();
	}

	// API2:2023 Broken Authentication

	@Order(1)
	@ParameterizedTest(name = "{0}")
	@MethodSource("controls")
	void acceptsTheSameTokenWhenNothingIsWrongWithIt(Target target) {
		String token = fixture.forged().resign(target.endpoint().baseToken(), (claims) -> {
		});

		Answer answer = send(target, token);

		assertThat(target.endpoint().success()).as("%s: %s", target, answer).contains(answer.status());
		assertSecurityHeaders(target.where(), target, answer);
		if (!target.endpoint().fields().isEmpty()) {
			// API3: an answer shows the fields the API documents and nothing more (no
			// owner, no internal ids).
			assertThat(fieldNames(json.readTree(answer.body())))
				.as("%s: the fields of %s (API3:2023 Broken Object Property Level Authorization)", target, answer)
				.isEqualTo(target.endpoint().fields());
		}
	}

	static Stream<Arguments> controls() {
		return rows("API2:2023 Broken Authentication — control: auth-service's claims signed again, nothing wrong",
				targets(), Function.identity());
	}

	@Order(2)
	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenTokens")
	void refusesATokenThatIsNotValidWithA401Problem(BrokenToken row) {
		Answer answer = send(row.target(), row.kind().token(row.target().endpoint().baseToken()));

		assertProblem(row.target(), answer, 401, "unauthorized");
		assertThat(answer.header("WWW-Authenticate")).as("%s: %s", row, answer).startsWith("Bearer");
	}

	static Stream<Arguments> brokenTokens() {
		List<Arguments> rows = new ArrayList<>();
		for (TokenDefect kind : TokenDefect.values()) {
			rows.addAll(rows("API2:2023 Broken Authentication — " + kind.label, targets(),
					(target) -> new BrokenToken(target, kind))
				.toList());
		}
		return rows.stream();
	}

	// API5:2023 Broken Function Level Authorization

	@Order(3)
	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongScopes")
	void refusesAValidTokenWithoutTheScopeWithA403Problem(Target target) {
		String token = fixture.forged()
			.resign(target.endpoint().baseToken(), (claims) -> scopes(claims, target.endpoint().otherScopes()));

		assertProblem(target, send(target, token), 403, "forbidden");
	}

	static Stream<Arguments> wrongScopes() {
		return rows("API5:2023 Broken Function Level Authorization — a valid token without the endpoint's scope",
				targets(), Function.identity());
	}

	@Order(4)
	@ParameterizedTest(name = "{0}")
	@MethodSource("plainClientAtServiceEndpoints")
	void refusesAPlainClientAtReservationAndOpsEndpoints(Target target) {
		assertProblem(target, send(target, fixture.demoToken()), 403, "forbidden");
	}

	static Stream<Arguments> plainClientAtServiceEndpoints() {
		// auth-service's actuator is left out: no scope of demo-client is for
		// auth-service, so it answers 401 (an audience row above) before any scope.
		List<Target> targets = targets().stream()
			.filter((target) -> !target.endpoint().baseToken().equals(fixture.demoToken()))
			.filter((target) -> !target.where().equals("auth"))
			.toList();
		return rows(
				"API5:2023 Broken Function Level Authorization — demo-client's own token (no inventory:reserve, no ops)",
				targets, Function.identity());
	}

	// API1:2023 Broken Object Level Authorization

	@Order(5)
	@ParameterizedTest(name = "{0}")
	@MethodSource("otherCallersObjects")
	void answersAnotherCallersOrderAsIfItDidNotExist(ForeignOrder row) {
		String path = row.endpoint().path().replace("{id}", row.orderId().apply(fixture));
		Answer answer = send(row.where(), row.endpoint().method(), path, row.token().apply(fixture), null, Map.of());

		assertProblem(new Target(row.endpoint(), row.where()), answer, 404, "not-found");
		assertThat(orderStatus(fixture.demoToken(), fixture.ownOrderId())).isEqualTo("CONFIRMED");
		assertThat(orderStatus(fixture.secondToken(), fixture.victimOrderId())).isEqualTo("CONFIRMED");
	}

	static Stream<Arguments> otherCallersObjects() {
		List<Arguments> rows = new ArrayList<>();
		Map<String, ForeignOrderCase> cases = new LinkedHashMap<>();
		cases.put("second-client asks for demo-client's order",
				new ForeignOrderCase(Fixture::secondToken, Fixture::ownOrderId));
		cases.put("demo-client asks for second-client's order",
				new ForeignOrderCase(Fixture::demoToken, Fixture::victimOrderId));
		// Ownership is the token's subject and nothing else: demo-client's token with
		// another "sub" (validly signed) owns nothing of demo-client's.
		cases.put("demo-client's token with another subject asks for demo-client's order",
				new ForeignOrderCase((f) -> f.forged().resign(f.demoToken(), (claims) -> claims.put("sub", "mallory")),
						Fixture::ownOrderId));
		for (Map.Entry<String, ForeignOrderCase> foreign : cases.entrySet()) {
			for (Endpoint endpoint : List.of(Endpoint.GET_ORDER, Endpoint.CANCEL_ORDER)) {
				for (String where : List.of("gateway", "order")) {
					ForeignOrder row = new ForeignOrder(endpoint, where, foreign.getValue().token(),
							foreign.getValue().orderId());
					rows.add(Arguments.of(Named.of("API1:2023 Broken Object Level Authorization — " + foreign.getKey()
							+ " — " + new Target(endpoint, where), row)));
				}
			}
		}
		return rows.stream();
	}

	@Order(5)
	@ParameterizedTest(
			name = "API1:2023 Broken Object Level Authorization — second-client's list never shows demo-client's order — GET /api/orders {0}")
	@ValueSource(strings = { "via gateway", "direct at order-service" })
	void listsOnlyTheCallersOwnOrders(String route) {
		String where = route.equals("via gateway") ? "gateway" : "order";
		Answer answer = send(where, "GET", "/api/orders?size=100", fixture.secondToken(), null, Map.of());

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.body()).contains(fixture.victimOrderId()).doesNotContain(fixture.ownOrderId());
	}

	// API3:2023 Broken Object Property Level Authorization

	@Order(6)
	@ParameterizedTest(name = "{0}")
	@MethodSource("foreignProperties")
	void refusesABodyWithAPropertyTheRequestDoesNotHave(ForeignProperty row) {
		String body = row.endpoint().body(fixture, row.field());
		Answer answer = send(row.where(), row.endpoint().method(), row.endpoint().path(fixture),
				row.endpoint().baseToken(), body, row.endpoint().headers());

		assertProblem(new Target(row.endpoint(), row.where()), answer, 400, "validation");
		JsonNode error = json.readTree(answer.body()).get("errors").get(0);
		assertThat(error.get("field").asString()).as(answer.toString()).isEqualTo(row.field().path());
		assertThat(error.get("message").asString()).isEqualTo("is not a field of this request");
	}

	static Stream<Arguments> foreignProperties() {
		List<Arguments> rows = new ArrayList<>();
		for (Endpoint endpoint : List.of(Endpoint.PLACE_ORDER, Endpoint.PUT_ITEM, Endpoint.RESERVE)) {
			for (Field field : Field.values()) {
				if (field.appliesTo(endpoint)) {
					for (String where : List.of("gateway", endpoint.service())) {
						rows.add(Arguments.of(Named.of(
								"API3:2023 Broken Object Property Level Authorization — a body with " + field.label
										+ " — " + new Target(endpoint, where),
								new ForeignProperty(endpoint, where, field))));
					}
				}
			}
		}
		return rows.stream();
	}

	// API4:2023 Unrestricted Resource Consumption

	@Order(7)
	@ParameterizedTest(name = "{0}")
	@MethodSource("pageSizes")
	void capsOrRefusesAHugePageSize(PageSize row) {
		Answer answer = send(row.where(), "GET", row.endpoint().path() + "?size=" + row.size(),
				row.endpoint().baseToken(), null, Map.of());

		if (row.answer() == 200) {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(json.readTree(answer.body()).get("page").get("size").asLong()).isEqualTo(100);
		}
		else {
			assertProblem(new Target(row.endpoint(), row.where()), answer, 400, row.type());
			assertThat(answer.body()).contains("size");
		}
	}

	static Stream<Arguments> pageSizes() {
		List<Arguments> rows = new ArrayList<>();
		// order-service cuts any size that fits an int down to 100 and cannot read a
		// larger one; inventory-service cuts sizes up to 10,000 to
		// inventory.items.max-page-size (100) and refuses more.
		List<PageSize> cases = List.of(new PageSize(Endpoint.LIST_ORDERS, "2147483647", 200, null),
				new PageSize(Endpoint.LIST_ORDERS, "2147483648", 400, "malformed-request"),
				new PageSize(Endpoint.LIST_ITEMS, "10000", 200, null),
				new PageSize(Endpoint.LIST_ITEMS, "10001", 400, "validation"));
		for (PageSize size : cases) {
			for (String where : List.of("gateway", size.endpoint().service())) {
				PageSize row = new PageSize(size.endpoint(), size.size(), size.answer(), size.type(), where);
				String outcome = (size.answer() == 200) ? "capped at 100" : "400";
				rows.add(Arguments.of(Named.of("API4:2023 Unrestricted Resource Consumption — size=" + size.size()
						+ " is " + outcome + " — " + new Target(size.endpoint(), where), row)));
			}
		}
		return rows.stream();
	}

	@Order(7)
	@ParameterizedTest(name = "{0}")
	@MethodSource("oversizedRequests")
	void refusesAnOversizedBodyOrTooManyLines(Oversized row) {
		Answer answer = send(row.target().where(), row.target().endpoint().method(),
				row.target().endpoint().path(fixture), row.target().endpoint().baseToken(), row.body(),
				row.target().endpoint().headers());

		assertProblem(row.target(), answer, row.status(), row.type());
	}

	static Stream<Arguments> oversizedRequests() {
		List<Arguments> rows = new ArrayList<>();
		for (Endpoint endpoint : List.of(Endpoint.PLACE_ORDER, Endpoint.PUT_ITEM, Endpoint.RESERVE)) {
			for (String where : List.of("gateway", endpoint.service())) {
				Target target = new Target(endpoint, where);
				// 64 KB at the gateway (shop.gateway.max-request-body), 1 MB at a
				// service.
				int limit = where.equals("gateway") ? 64 * 1024 : 1024 * 1024;
				String valid = endpoint.body(fixture, null);
				String body = valid.substring(0, valid.length() - 1) + ",\"padding\":\"" + "x".repeat(limit) + "\"}";
				rows.add(
						Arguments.of(Named.of(
								"API4:2023 Unrestricted Resource Consumption — a body over " + (limit / 1024)
										+ " KB is 413 — " + target,
								new Oversized(target, body, 413, "payload-too-large"))));
				if (endpoint != Endpoint.PUT_ITEM) {
					int lines = (endpoint == Endpoint.PLACE_ORDER) ? ShopSystem.MAX_LINES_IN_CONFIG_COPY + 1 : 101;
					rows.add(Arguments.of(Named.of(
							"API4:2023 Unrestricted Resource Consumption — " + lines
									+ " lines, one over the limit, is 400 — " + target,
							new Oversized(target, endpoint.bodyWithLines(fixture, lines), 400, "validation"))));
				}
			}
		}
		return rows.stream();
	}

	// API6:2023 Unrestricted Access to Sensitive Business Flows

	@Order(8)
	@ParameterizedTest(
			name = "API6:2023 Unrestricted Access to Sensitive Business Flows — {0} requests at once to POST /oauth2/token via gateway meet its rate limit (429 problem), then it refills")
	@ValueSource(ints = 60)
	void limitsTokenRequestsPerAddress(int burst) {
		// All at once, so that they reach the gateway before its bucket refills.
		List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
		for (int i = 0; i < burst; i++) {
			sent.add(http.sendAsync(tokenRequest(), HttpResponse.BodyHandlers.ofString()));
		}
		List<Answer> answers = sent.stream()
			.map(CompletableFuture::join)
			.map((response) -> new Answer(response.statusCode(), response.headers(), response.body()))
			.toList();

		List<Answer> limited = answers.stream().filter((answer) -> answer.status() == 429).toList();
		assertThat(limited).as("the token endpoint's burst is 20").isNotEmpty();
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isLessThan(500));
		Answer refused = limited.get(0);
		assertProblem("gateway", "POST /oauth2/token via gateway", refused, 429, "too-many-requests");
		assertThat(refused.header("Retry-After")).isNotEmpty();
		assertThat(refused.header("X-RateLimit-Burst-Capacity")).isEqualTo("20");
		// Leave the bucket full for the test classes that follow, which get their
		// tokens through the gateway from this address.
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> Integer.parseInt(http.send(tokenRequest(), HttpResponse.BodyHandlers.discarding())
				.headers()
				.firstValue("X-RateLimit-Remaining")
				.orElse("-1")) >= 15);
	}

	/**
	 * A token request without client credentials: auth-service refuses it at once,
	 * without the cost of checking a secret.
	 */
	private static HttpRequest tokenRequest() {
		return HttpRequest.newBuilder(URI.create(system.url("gateway") + "/oauth2/token"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=orders:read"))
			.build();
	}

	// API7:2023 Server Side Request Forgery

	@Order(9)
	@ParameterizedTest(name = "{0}")
	@MethodSource("urlFields")
	void takesNoUrlFromAClient(Target target) {
		String body = target.endpoint().body(fixture, Field.CALLBACK_URL);
		Answer answer = send(target.where(), target.endpoint().method(), target.endpoint().path(fixture),
				target.endpoint().baseToken(), body, target.endpoint().headers());

		assertProblem(target, answer, 400, "validation");
		assertThat(answer.body()).contains("callbackUrl");
	}

	static Stream<Arguments> urlFields() {
		List<Target> targets = targets().stream()
			.filter((target) -> EnumSet.of(Endpoint.PLACE_ORDER, Endpoint.PUT_ITEM, Endpoint.RESERVE)
				.contains(target.endpoint()))
			.toList();
		return rows("API7:2023 Server Side Request Forgery — no endpoint takes a URL: a callbackUrl is refused",
				targets, Function.identity());
	}

	// API8:2023 Security Misconfiguration

	@Order(10)
	@ParameterizedTest(name = "{0}")
	@MethodSource("misconfigurationProbes")
	void answersProbesOfTheConfigurationWithAProblem(Probe row) {
		Answer answer = send(row.where(), row.method(), row.path(),
				row.ops() ? fixture.opsToken() : fixture.demoToken(), null, Map.of());

		assertProblemBody(row, answer, row.status(), row.type());
		assertSecurityHeaders(row.where(), row, answer);
	}

	static Stream<Arguments> misconfigurationProbes() {
		List<Arguments> rows = new ArrayList<>();
		for (String where : List.of("gateway", "order", "inventory")) {
			String prefix = where.equals("inventory") ? "/api/inventory/items" : "/api/orders";
			String at = where.equals("gateway") ? "via gateway" : "direct at " + where + "-service";
			// The gateway refuses a TRACE as a malformed request; the services answer
			// 405.
			rows.add(where.equals("gateway")
					? probe("TRACE " + prefix + " is 400", where, at, "TRACE", prefix, false, 400, "malformed-request")
					: probe("TRACE " + prefix + " is 405", where, at, "TRACE", prefix, false, 405,
							"method-not-allowed"));
			rows.add(probe("an unknown path is 404", where, at, "GET", prefix + "-unknown/x", false, 404, "not-found"));
			rows.add(probe("GET /actuator/env (not exposed) is 404 even to ops", where, at, "GET", "/actuator/env",
					true, 404, "not-found"));
			rows.add(probe("GET /actuator/env is 403 to a client", where, at, "GET", "/actuator/env", false, 403,
					"forbidden"));
		}
		return rows.stream();
	}

	private static Arguments probe(String name, String where, String at, String method, String path, boolean ops,
			int status, String type) {
		return Arguments.of(Named.of("API8:2023 Security Misconfiguration — " + name + " — " + at,
				new Probe(where, method, path, ops, status, type)));
	}

	// API9:2023 Improper Inventory Management

	@Order(11)
	@ParameterizedTest(
			name = "API9:2023 Improper Inventory Management — the matrix's endpoints are exactly what {0}-service maps (actuator mappings)")
	@ValueSource(strings = { "order", "inventory" })
	void coversEveryEndpointTheServiceMaps(String service) {
		Answer answer = send(service, "GET", "/actuator/mappings", fixture.opsToken(), null, Map.of());
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);

		Set<String> mapped = new TreeSet<>();
		for (JsonNode context : json.readTree(answer.body()).get("contexts")) {
			JsonNode servlets = context.path("mappings").path("dispatcherServlets");
			for (JsonNode mapping : servlets.path("dispatcherServlet")) {
				JsonNode conditions = mapping.path("details").path("requestMappingConditions");
				String handler = mapping.path("details").path("handlerMethod").path("className").asString("");
				if (!handler.startsWith("com.example.shop") || conditions.isMissingNode()) {
					continue;
				}
				for (JsonNode pattern : conditions.get("patterns")) {
					// The error page is only the target of an internal forward.
					if (!pattern.asString().equals("/error")) {
						List<String> methods = new ArrayList<>();
						conditions.get("methods").forEach((method) -> methods.add(method.asString()));
						mapped.add((methods.isEmpty() ? "ANY" : String.join(",", methods)) + " " + pattern.asString());
					}
				}
			}
		}

		Set<String> listed = new TreeSet<>();
		for (Endpoint endpoint : Endpoint.values()) {
			if (endpoint.service().equals(service)) {
				listed.add(endpoint.method() + " " + endpoint.path());
			}
		}
		assertThat(mapped).isEqualTo(listed);
	}

	@Order(11)
	@ParameterizedTest(
			name = "API9:2023 Improper Inventory Management — the matrix's actuator endpoints are exactly what {0}-service exposes")
	@ValueSource(strings = { "gateway", "order", "inventory", "auth" })
	void coversEveryActuatorEndpointTheServiceExposes(String service) {
		Answer answer = send(service, "GET", "/actuator", fixture.opsToken(), null, Map.of());
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);

		Set<String> exposed = new TreeSet<>();
		json.readTree(answer.body()).get("_links").forEach((link) -> {
			String href = link.get("href").asString();
			exposed.add(href.substring(href.indexOf("/actuator")));
		});
		Set<String> listed = new TreeSet<>(
				List.of("/actuator/health", "/actuator/health/{*path}", "/actuator/info", "/actuator/prometheus"));
		targets().stream()
			.filter((target) -> target.where().equals(service) && target.endpoint().isActuator())
			.forEach((target) -> listed.add(target.endpoint().path()));
		assertThat(exposed).isEqualTo(listed);
	}

	private static void assertProblem(Target target, Answer answer, int status, String type) {
		assertProblem(target.where(), target, answer, status, type);
	}

	private static void assertProblem(String where, Object target, Answer answer, int status, String type) {
		assertProblemBody(target, answer, status, type);
		assertSecurityHeaders(where, target, answer);
	}

	private static void assertProblemBody(Object target, Answer answer, int status, String type) {
		assertThat(answer.status()).as("%s: %s", target, answer).isEqualTo(status);
		// API8:2023 Security Misconfiguration: every error a problem, no internals.
		assertThat(answer.header("Content-Type")).as("%s: %s", target, answer).startsWith("application/problem+json");
		JsonNode problem = json.readTree(answer.body());
		assertThat(problem.get("type").asString()).as("%s: %s", target, answer).isEqualTo(PROBLEMS + type);
		assertThat(problem.get("status").asInt()).as("%s: %s", target, answer).isEqualTo(status);
		assertThat(LEAK.matcher(answer.body()).find()).as("%s: internals in %s", target, answer).isFalse();
	}

	/**
	 * API8:2023 Security Misconfiguration: Spring Security's headers on every answer; the
	 * gateway, which browsers may reach, also sends no referrer.
	 */
	private static void assertSecurityHeaders(String where, Object target, Answer answer) {
		assertThat(answer.header("X-Content-Type-Options")).as("%s: %s", target, answer).isEqualTo("nosniff");
		assertThat(answer.header("X-Frame-Options")).as("%s: %s", target, answer).isEqualTo("DENY");
		assertThat(answer.header("Cache-Control")).as("%s: %s", target, answer).contains("no-store");
		if (where.equals("gateway")) {
			assertThat(answer.header("Referrer-Policy")).as("%s: %s", target, answer).isEqualTo("no-referrer");
		}
	}

	private static String orderStatus(String token, String orderId) {
		Answer answer = send("order", "GET", "/api/orders/" + orderId, token, null, Map.of());
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return json.readTree(answer.body()).get("status").asString();
	}

	private static void scopes(ObjectNode claims, List<String> scopes) {
		ArrayNode array = claims.putArray("scope");
		scopes.forEach(array::add);
	}

	private static Set<String> fieldNames(JsonNode node) {
		Set<String> names = new TreeSet<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	/**
	 * Every endpoint of the matrix where it can be reached: each API endpoint through the
	 * gateway and at its service; each actuator endpoint at order-, inventory- and
	 * auth-service and, through the gateway, at the gateway's own actuator (the gateway
	 * routes no {@code /actuator} path to a service), which does not expose mappings.
	 */
	static List<Target> targets() {
		List<Target> targets = new ArrayList<>();
		for (Endpoint endpoint : Endpoint.values()) {
			if (endpoint.isActuator()) {
				for (String where : List.of("gateway", "order", "inventory", "auth")) {
					if (!(endpoint == Endpoint.MAPPINGS && where.equals("gateway"))) {
						targets.add(new Target(endpoint, where));
					}
				}
			}
			else {
				targets.add(new Target(endpoint, "gateway"));
				targets.add(new Target(endpoint, endpoint.service()));
			}
		}
		return targets;
	}

	private static <T> Stream<Arguments> rows(String item, List<Target> targets, Function<Target, T> row) {
		return targets.stream().map((target) -> Arguments.of(Named.of(item + " — " + target, row.apply(target))));
	}

	private static Answer send(Target target, String token) {
		Endpoint endpoint = target.endpoint();
		return send(target.where(), endpoint.method(), endpoint.path(fixture), token, endpoint.body(fixture, null),
				endpoint.headers());
	}

	private static Answer send(String where, Endpoint endpoint, String token) {
		return send(where, endpoint.method(), endpoint.path(fixture), token, endpoint.body(fixture, null),
				endpoint.headers());
	}

	private static Answer send(String where, String method, String path, String token, String body,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.url(where) + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null && !headers.containsKey("Content-Type")) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + where + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Every endpoint: method, path as the service maps it, the scope it needs. */
	enum Endpoint {

		PLACE_ORDER("order", "POST", "/api/orders"), LIST_ORDERS("order", "GET", "/api/orders"),
		GET_ORDER("order", "GET", "/api/orders/{id}"), CANCEL_ORDER("order", "POST", "/api/orders/{id}/cancel"),
		LIST_ITEMS("inventory", "GET", "/api/inventory/items"),
		GET_ITEM("inventory", "GET", "/api/inventory/items/{sku}"),
		PUT_ITEM("inventory", "PUT", "/api/inventory/items/{sku}"),
		RESERVE("inventory", "POST", "/api/inventory/reservations"),
		GET_RESERVATION("inventory", "GET", "/api/inventory/reservations/{orderId}"),
		RELEASE("inventory", "DELETE", "/api/inventory/reservations/{orderId}"),
		ACTUATOR("actuator", "GET", "/actuator"), METRICS("actuator", "GET", "/actuator/metrics"),
		METRIC("actuator", "GET", "/actuator/metrics/{requiredMetricName}"),
		REFRESH("actuator", "POST", "/actuator/refresh"), MAPPINGS("actuator", "GET", "/actuator/mappings");

		private static final Set<String> ORDER = Set.of("createdAt", "id", "lines", "status", "updatedAt");

		private static final Set<String> PAGE = Set.of("content", "page");

		private final String service;

		private final String method;

		private final String path;

		Endpoint(String service, String method, String path) {
			this.service = service;
			this.method = method;
			this.path = path;
		}

		String service() {
			return this.service;
		}

		String method() {
			return this.method;
		}

		String path() {
			return this.path;
		}

		boolean isActuator() {
			return this.service.equals("actuator");
		}

		/**
		 * The token of the caller this endpoint is for: demo-client's, order-service's
		 * (made with the real key: its secret is the system's own), ops-client's.
		 */
		String baseToken() {
			return switch (this) {
				case RESERVE, GET_RESERVATION, RELEASE -> fixture.reserveToken();
				default -> isActuator() ? fixture.opsToken() : fixture.demoToken();
			};
		}

		/**
		 * Valid scopes for the same service, none of them the one this endpoint needs.
		 */
		List<String> otherScopes() {
			return switch (this) {
				case LIST_ORDERS, GET_ORDER -> List.of("orders:write");
				case PLACE_ORDER, CANCEL_ORDER -> List.of("orders:read");
				case LIST_ITEMS, GET_ITEM -> List.of("inventory:write", "inventory:reserve");
				case PUT_ITEM -> List.of("inventory:read", "inventory:reserve");
				case RESERVE, GET_RESERVATION, RELEASE -> List.of("inventory:read", "inventory:write");
				default -> DEMO_SCOPES;
			};
		}

		/** What a valid request may be answered with (it may be a replay). */
		Set<Integer> success() {
			return switch (this) {
				case PLACE_ORDER, RESERVE -> Set.of(200, 201);
				case RELEASE -> Set.of(204);
				default -> Set.of(200);
			};
		}

		/** The fields of a successful answer, exactly. */
		Set<String> fields() {
			return switch (this) {
				case PLACE_ORDER, GET_ORDER, CANCEL_ORDER -> ORDER;
				case LIST_ORDERS, LIST_ITEMS -> PAGE;
				case GET_ITEM, PUT_ITEM -> Set.of("available", "name", "sku");
				case RESERVE, GET_RESERVATION -> Set.of("lines", "orderId", "status");
				default -> Set.of();
			};
		}

		String path(Fixture fixture) {
			return this.path.replace("{id}", (this == CANCEL_ORDER) ? fixture.toCancelOrderId() : fixture.ownOrderId())
				.replace("{sku}", (this == PUT_ITEM) ? fixture.putSku() : fixture.sku())
				.replace("{orderId}", fixture.reservation().toString())
				.replace("{requiredMetricName}", "jvm.memory.used");
		}

		Map<String, String> headers() {
			// The same key and body every time: a replay, so the control rows place one
			// order only.
			return (this == PLACE_ORDER) ? Map.of("Idempotency-Key", "matrix-control-" + fixture.sku()) : Map.of();
		}

		/**
		 * A valid body, or {@code null} for an endpoint without one; with {@code field}
		 * one property the request does not have.
		 */
		String body(Fixture fixture, Field field) {
			String extra = (field != null && !field.inLine) ? "," + field.json : "";
			String lineExtra = (field != null && field.inLine) ? "," + field.json : "";
			String line = "{\"sku\":\"" + fixture.sku() + "\",\"quantity\":1" + lineExtra + "}";
			return switch (this) {
				case PLACE_ORDER -> "{\"lines\":[" + line + "]" + extra + "}";
				case PUT_ITEM -> "{\"name\":\"Matrix item\",\"available\":100" + extra + "}";
				case RESERVE -> "{\"orderId\":\"" + fixture.reservation() + "\",\"lines\":[" + line + "]" + extra + "}";
				default -> null;
			};
		}

		String bodyWithLines(Fixture fixture, int count) {
			String lines = String.join(",",
					Collections.nCopies(count, "{\"sku\":\"" + fixture.sku() + "\",\"quantity\":1}"));
			return (this == RESERVE) ? "{\"orderId\":\"" + UUID.randomUUID() + "\",\"lines\":[" + lines + "]}"
					: "{\"lines\":[" + lines + "]}";
		}

	}

	/** A property a request body must not have. */
	enum Field {

		STATUS("a status", "status", "\"status\":\"CONFIRMED\"", false),
		OWNER("an owner", "owner", "\"owner\":\"second-client\"", false),
		ID("an id", "id", "\"id\":\"" + UUID.randomUUID() + "\"", false),
		SKU("a sku in the item body", "sku", "\"sku\":\"OTHER-SKU\"", false),
		UNKNOWN("an unknown field", "discount", "\"discount\":100", false),
		LINE_PRICE("a price in a line", "lines[0].price", "\"price\":0", true), CALLBACK_URL("a callback URL",
				"callbackUrl", "\"callbackUrl\":\"http://169.254.169.254/latest/meta-data\"", false);

		private final String label;

		private final String path;

		private final String json;

		private final boolean inLine;

		Field(String label, String path, String json, boolean inLine) {
			this.label = label;
			this.path = path;
			this.json = json;
			this.inLine = inLine;
		}

		String path() {
			return this.path;
		}

		boolean appliesTo(Endpoint endpoint) {
			return switch (this) {
				case SKU -> endpoint == Endpoint.PUT_ITEM;
				case LINE_PRICE -> endpoint != Endpoint.PUT_ITEM;
				case CALLBACK_URL -> false;
				default -> true;
			};
		}

	}

	/** What is wrong with a token; everything else is as auth-service issued it. */
	enum TokenDefect {

		NONE("no token", (token) -> null),
		EXPIRED("expired token", (token) -> fixture.forged().resign(token, (claims) -> {
			long now = Instant.now().getEpochSecond();
			claims.put("iat", now - 1200);
			claims.put("nbf", now - 1200);
			claims.put("exp", now - 600);
		})), OTHER_KEY("token signed by another key (same kid)",
				(token) -> fixture.forged().signWithAnotherKey(token, (claims) -> {
				})),
		ALG_NONE("alg: none", ForgedTokens::unsigned),
		OTHER_ISSUER("token from another issuer",
				(token) -> fixture.forged().resign(token, (claims) -> claims.put("iss", "https://issuer.example.com"))),
		OTHER_AUDIENCE("token for another audience",
				(token) -> fixture.forged().resign(token, (claims) -> claims.putArray("aud").add("another-service")));

		private final String label;

		private final Function<String, String> token;

		TokenDefect(String label, Function<String, String> token) {
			this.label = label;
			this.token = token;
		}

		String token(String base) {
			return this.token.apply(base);
		}

	}

	/**
	 * One endpoint at one place.
	 *
	 * @param endpoint the endpoint
	 * @param where {@code gateway} or the service ({@code order}, {@code inventory},
	 * {@code auth})
	 */
	record Target(Endpoint endpoint, String where) {

		@Override
		public String toString() {
			String at = this.where.equals("gateway") ? "via gateway" : "direct at " + this.where + "-service";
			return this.endpoint.method() + " " + this.endpoint.path() + " " + at;
		}

	}

	record BrokenToken(Target target, TokenDefect kind) {

		@Override
		public String toString() {
			return this.kind.label + " — " + this.target;
		}

	}

	record ForeignOrderCase(Function<Fixture, String> token, Function<Fixture, String> orderId) {

	}

	record ForeignOrder(Endpoint endpoint, String where, Function<Fixture, String> token,
			Function<Fixture, String> orderId) {

	}

	record ForeignProperty(Endpoint endpoint, String where, Field field) {

	}

	record PageSize(Endpoint endpoint, String size, int answer, String type, String where) {

		PageSize(Endpoint endpoint, String size, int answer, String type) {
			this(endpoint, size, answer, type, endpoint.service());
		}

	}

	record Oversized(Target target, String body, int status, String type) {

	}

	record Probe(String where, String method, String path, boolean ops, int status, String type) {

	}

	/**
	 * The tokens and data of the matrix.
	 *
	 * @param demoToken demo-client's token with all its scopes
	 * @param secondToken second-client's token
	 * @param opsToken ops-client's token
	 * @param reserveToken a token like order-service's own for inventory
	 * @param forged makes tokens with auth-service's signing key
	 * @param sku an item with plenty of stock
	 * @param putSku an item the control rows overwrite
	 * @param ownOrderId a confirmed order of demo-client
	 * @param toCancelOrderId an order of demo-client the control rows cancel
	 * @param victimOrderId a confirmed order of second-client
	 * @param reservation an order id with a reservation of one unit of {@code sku}
	 */
	record Fixture(String demoToken, String secondToken, String opsToken, String reserveToken, ForgedTokens forged,
			String sku, String putSku, String ownOrderId, String toCancelOrderId, String victimOrderId,
			UUID reservation) {

	}

	/** What came back. */
	record Answer(int status, HttpHeaders headers, String body) {

		String header(String name) {
			return this.headers.firstValue(name).orElse("");
		}

		@Override
		public String toString() {
			String shown = (this.body.length() > 600) ? this.body.substring(0, 600) + "..." : this.body;
			return this.status + " " + header("Content-Type") + " " + shown;
		}

	}

}
