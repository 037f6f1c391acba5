package com.example.shop.order.order;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.jayway.jsonpath.JsonPath;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.common.test.UsePostgres;
import com.example.shop.common.test.UseTestJwtIssuer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The whole service over real HTTP, on PostgreSQL, with real tokens, and WireMock in the
 * place of inventory-service. Every flow test class extends this one, so they all share a
 * single application context (and a single WireMock); each test uses SKUs of its own, so
 * stubs and request counts never mix between tests even while the reconciler runs in the
 * background.
 */
// min-age is longer than a placing request can wait for inventory (token, then
// reservation, each with a 1s connect and a 2s read timeout), so the reconciler never
// races a request and the counts of reservation calls the tests assert are exact. These
// tests make inventory fail on purpose, one after the other: the circuit breaker, which
// has tests of its own (InventoryOutageFlowTests), gets a window too large to open here.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "orders.inventory.connect-timeout=1s", "orders.inventory.read-timeout=2s",
				"orders.inventory.retry.initial-wait=10ms", "orders.inventory.retry.max-wait=50ms",
				"orders.inventory.circuit-breaker.sliding-window-size=1000",
				"orders.inventory.circuit-breaker.minimum-number-of-calls=1000", "orders.reconciler.interval=200ms",
				"orders.reconciler.min-age=5s" })
@UsePostgres
@UseTestJwtIssuer
abstract class OrderFlowTestSupport {

	static final String PROBLEM = "https://shop.example.com/problems/";

	static final String RESERVATIONS = "/api/inventory/reservations";

	/**
	 * The test's own HTTP client, which repeats nothing by itself (Apache HttpClient
	 * would repeat a request answered 503 with Retry-After), so that every answer is
	 * seen.
	 */
	private static final ClientHttpRequestFactory CLIENT = new JdkClientHttpRequestFactory();

	static final WireMockServer inventory = startInventory();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void inventoryAndTokenEndpoint(DynamicPropertyRegistry registry) {
		registry.add("orders.inventory.base-url", inventory::baseUrl);
		registry.add("spring.security.oauth2.client.provider.auth.token-uri", TestJwtIssuer.shared()::tokenUri);
	}

	private static WireMockServer startInventory() {
		WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		// Unknown SKUs and releases: what a healthy inventory answers.
		server.stubFor(post(urlEqualTo(RESERVATIONS)).atPriority(10)
			.willReturn(aResponse().withStatus(503).withBody("no stub for this SKU")));
		server.stubFor(
				delete(urlPathMatching(RESERVATIONS + "/.+")).atPriority(10).willReturn(aResponse().withStatus(204)));
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	// --- inventory's answers, per SKU ---

	static MappingBuilder reservationOf(String sku) {
		return post(urlEqualTo(RESERVATIONS)).atPriority(1)
			.withRequestBody(matchingJsonPath("$.lines[?(@.sku == '" + sku + "')]"));
	}

	static StubMapping inventoryReserves(String sku) {
		return inventory.stubFor(reservationOf(sku).willReturn(reserved()));
	}

	static ResponseDefinitionBuilder reserved() {
		return aResponse().withStatus(201)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.withBody("{\"orderId\":\"{{jsonPath request.body '$.orderId'}}\",\"status\":\"RESERVED\",\"lines\":[]}")
			.withTransformers("response-template");
	}

	static StubMapping inventoryIsShortOf(String sku, int requested, int available) {
		return inventory.stubFor(reservationOf(sku).willReturn(aResponse().withStatus(409)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.withBody(
					"{\"type\":\"https://shop.example.com/problems/insufficient-stock\",\"title\":\"Insufficient stock\","
							+ "\"status\":409,\"detail\":\"Not enough stock.\",\"shortages\":[{\"sku\":\"" + sku
							+ "\",\"requested\":" + requested + ",\"available\":" + available + "}]}")));
	}

	static RequestPatternBuilder reservationsOf(String sku) {
		return postRequestedFor(urlEqualTo(RESERVATIONS))
			.withRequestBody(matchingJsonPath("$.lines[?(@.sku == '" + sku + "')]"));
	}

	static RequestPatternBuilder releaseOf(String orderId) {
		return deleteRequestedFor(urlEqualTo(RESERVATIONS + "/" + orderId));
	}

	/**
	 * How many reservation requests a stub answered (and not, say, a fault stub that was
	 * active before it).
	 */
	static long answeredBy(StubMapping stub, String orderId) {
		return inventory.getAllServeEvents()
			.stream()
			.filter((event) -> event.getStubMapping() != null && stub.getId().equals(event.getStubMapping().getId()))
			.map(ServeEvent::getRequest)
			.filter((request) -> request.getBodyAsString().contains(orderId))
			.count();
	}

	static String sku(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	// --- the service's HTTP API ---

	RestClient http() {
		return client(this.port);
	}

	ResponseEntity<String> place(String owner, String idempotencyKey, Line... lines) {
		return place(http(), owner, idempotencyKey, lines);
	}

	/** A client of the service on PORT that hands every answer back, errors included. */
	static RestClient client(int port) {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.requestFactory(CLIENT)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	static ResponseEntity<String> place(RestClient http, String owner, String idempotencyKey, Line... lines) {
		return http.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer(owner, "orders:write", "orders:read"))
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(lines))
			.retrieve()
			.toEntity(String.class);
	}

	ResponseEntity<String> get(String owner, String path, String... scopes) {
		return http().get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION,
					bearer(owner, (scopes.length > 0) ? scopes : new String[] { "orders:read" }))
			.retrieve()
			.toEntity(String.class);
	}

	ResponseEntity<String> cancel(String owner, String orderId) {
		return http().post()
			.uri("/api/orders/{id}/cancel", orderId)
			.header(HttpHeaders.AUTHORIZATION, bearer(owner, "orders:write"))
			.retrieve()
			.toEntity(String.class);
	}

	String statusOf(String owner, String orderId) {
		return JsonPath.read(get(owner, "/api/orders/" + orderId).getBody(), "$.status");
	}

	static String bearer(String owner, String... scopes) {
		return "Bearer " + TestJwtIssuer.shared().token(owner, scopes);
	}

	static String body(Line... lines) {
		return Arrays.stream(lines)
			.map((line) -> "{\"sku\":\"" + line.sku() + "\",\"quantity\":" + line.quantity() + "}")
			.collect(Collectors.joining(",", "{\"lines\":[", "]}"));
	}

	static String idOf(ResponseEntity<String> response) {
		return JsonPath.read(response.getBody(), "$.id");
	}

	static URI locationOf(ResponseEntity<String> response) {
		return response.getHeaders().getLocation();
	}

	static Line line(String sku, int quantity) {
		return new Line(sku, quantity);
	}

	static String owner(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	record Line(String sku, int quantity) {
	}

	static List<String> strings(Object jsonArray) {
		@SuppressWarnings("unchecked")
		List<Object> values = (List<Object>) jsonArray;
		return values.stream().map(String::valueOf).toList();
	}

}
