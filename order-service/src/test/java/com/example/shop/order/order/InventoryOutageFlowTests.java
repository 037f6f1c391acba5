package com.example.shop.order.order;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.jayway.jsonpath.JsonPath;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.common.test.UsePostgres;
import com.example.shop.common.test.UseTestJwtIssuer;
import com.example.shop.order.order.OrderFlowTestSupport.Line;

import static com.example.shop.order.WireMockAnswers.inTurn;
import static com.example.shop.order.order.OrderFlowTestSupport.RESERVATIONS;
import static com.example.shop.order.order.OrderFlowTestSupport.bearer;
import static com.example.shop.order.order.OrderFlowTestSupport.body;
import static com.example.shop.order.order.OrderFlowTestSupport.idOf;
import static com.example.shop.order.order.OrderFlowTestSupport.line;
import static com.example.shop.order.order.OrderFlowTestSupport.reservationOf;
import static com.example.shop.order.order.OrderFlowTestSupport.reservationsOf;
import static com.example.shop.order.order.OrderFlowTestSupport.reserved;
import static com.example.shop.order.order.OrderFlowTestSupport.sku;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client sees, and what inventory sees, while inventory fails: the retry, the
 * circuit breaker and the bulkhead around the inventory client, in the running service.
 * Inventory and the token endpoint are WireMock servers of this class alone, so that "no
 * request at all" can be asserted; windows and waits are small so that the tests stay
 * fast: a window of four calls that opens at 50% failures, four seconds open, two probes
 * when half-open, two calls at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "orders.inventory.connect-timeout=1s", "orders.inventory.read-timeout=2s",
				"orders.inventory.retry.initial-wait=20ms", "orders.inventory.retry.max-wait=100ms",
				"orders.inventory.circuit-breaker.sliding-window-size=4",
				"orders.inventory.circuit-breaker.minimum-number-of-calls=4",
				"orders.inventory.circuit-breaker.failure-rate-threshold=50",
				"orders.inventory.circuit-breaker.slow-call-duration-threshold=1800ms",
				"orders.inventory.circuit-breaker.wait-duration-in-open-state=4s",
				"orders.inventory.circuit-breaker.permitted-calls-in-half-open-state=2",
				"orders.inventory.bulkhead.max-concurrent-calls=2", "orders.inventory.bulkhead.max-wait-duration=0",
				// Longer than any placing request here takes, shorter than the circuit
				// stays
				// open: a pending order is the reconciler's while the circuit is still
				// open.
				"orders.reconciler.interval=200ms", "orders.reconciler.min-age=2s" })
@UsePostgres
@UseTestJwtIssuer
class InventoryOutageFlowTests {

	private static final String TOKEN = "/oauth2/token";

	private static final String OWNER = "client-a";

	private static final Duration SETTLED = Duration.ofSeconds(20);

	static final WireMockServer inventory = start();

	static final WireMockServer auth = start();

	@LocalServerPort
	private int port;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private BulkheadRegistry bulkheads;

	@Autowired
	private OAuth2AuthorizedClientService authorizedClients;

	@Autowired
	private OrderStore store;

	@DynamicPropertySource
	static void inventoryAndTokenEndpoint(DynamicPropertyRegistry registry) {
		registry.add("orders.inventory.base-url", inventory::baseUrl);
		registry.add("spring.security.oauth2.client.provider.auth.token-uri", () -> auth.baseUrl() + TOKEN);
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	@BeforeEach
	void healthyInventoryAndAClosedCircuit() {
		healthy();
	}

	/**
	 * No test leaves work behind that could make calls during the next one: every order
	 * still PENDING is confirmed by the reconciler first.
	 */
	@AfterEach
	void everyOrderSettled() {
		healthy();
		await().atMost(SETTLED)
			.until(() -> this.store.pendingSince(this.store.now().plus(Duration.ofHours(1)), 1).isEmpty());
	}

	private void healthy() {
		inventory.resetAll();
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).atPriority(10).willReturn(reserved()));
		inventory.stubFor(
				delete(urlPathMatching(RESERVATIONS + "/.+")).atPriority(10).willReturn(aResponse().withStatus(204)));
		auth.resetAll();
		auth.stubFor(post(urlEqualTo(TOKEN)).atPriority(10).willReturn(token()));
		CircuitBreaker circuitBreaker = circuitBreaker();
		if (circuitBreaker.getState() == State.CLOSED) {
			circuitBreaker.reset();
		}
		else {
			// Not reset(): it would leave the timer of an open circuit running.
			circuitBreaker.transitionToClosedState();
		}
	}

	@Test
	void retriesAReservationThatFailedTwiceWith503AndConfirmsTheOrder() {
		String sku = sku("RETRIED");
		inTurn(inventory, () -> reservationOf(sku), aResponse().withStatus(503), aResponse().withStatus(503),
				reserved());

		ResponseEntity<String> response = place("retried-" + sku, line(sku, 1));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = idOf(response);
		assertThat(statusOf(id)).isEqualTo("CONFIRMED");
		// Three attempts of the same reservation: the order id is its idempotency key.
		assertThat(inventory.findAll(reservationsOf(sku)))
			.extracting((request) -> (String) JsonPath.read(request.getBodyAsString(), "$.orderId"))
			.containsExactly(id, id, id);
	}

	@Test
	void neitherRetriesAShortageNorCountsItAsAFailure() {
		String sku = sku("SHORT");
		inventory.stubFor(reservationOf(sku).willReturn(aResponse().withStatus(409)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.withBody("{\"type\":\"https://shop.example.com/problems/insufficient-stock\",\"status\":409,"
					+ "\"shortages\":[{\"sku\":\"" + sku + "\",\"requested\":5,\"available\":0}]}")));

		for (int i = 0; i < 5; i++) {
			assertThat(place("short-" + i + "-" + sku, line(sku, 5)).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		}

		inventory.verify(exactly(5), reservationsOf(sku));
		assertThat(circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(circuitBreaker().getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void retriesTheTokenRequestWhenAuthServiceFailsForAMoment() {
		forgetTheToken();
		inTurn(auth, () -> post(urlEqualTo(TOKEN)).atPriority(1), aResponse().withStatus(503),
				aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), token());
		String sku = sku("TOKEN");

		ResponseEntity<String> response = place("token-" + sku, line(sku, 1));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		auth.verify(exactly(3), postRequestedFor(urlEqualTo(TOKEN)));
		inventory.verify(exactly(1), reservationsOf(sku));
	}

	@Test
	void keepsTheOrderPendingWhenNoTokenCanBeHadWithoutHoldingItAgainstInventory() {
		forgetTheToken();
		StubMapping authDown = auth
			.stubFor(post(urlEqualTo(TOKEN)).atPriority(1).willReturn(aResponse().withStatus(503)));
		String sku = sku("NO-TOKEN");

		ResponseEntity<String> response = place("no-token-" + sku, line(sku, 1));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		auth.verify(exactly(3), postRequestedFor(urlEqualTo(TOKEN)));
		inventory.verify(exactly(0), reservationsOf(sku));
		assertThat(circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();

		auth.removeStub(authDown);
		String id = idOf(response);
		await().atMost(SETTLED).untilAsserted(() -> assertThat(statusOf(id)).isEqualTo("CONFIRMED"));
	}

	@Test
	void opensTheCircuitAfterRepeatedFailuresAndThenAnswersPendingAtOnceWithoutAskingInventory() {
		String sku = sku("DOWN");
		inventory.stubFor(reservationOf(sku).willReturn(aResponse().withStatus(503)));
		// The three attempts of the first order and the first of the second fill the
		// window with failures: the circuit opens, and the second order's further
		// attempts are not even sent.
		assertThat(place("down-1-" + sku, line(sku, 1)).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(place("down-2-" + sku, line(sku, 1)).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		inventory.verify(exactly(4), reservationsOf(sku));
		assertThat(circuitBreaker().getState()).isEqualTo(State.OPEN);

		// Inventory now hangs: an order that waited for it would wait the whole read
		// timeout (2s).
		inventory.stubFor(reservationOf(sku).willReturn(reserved().withFixedDelay(5000)));
		inventory.resetRequests();
		long started = System.nanoTime();
		ResponseEntity<String> response = place("down-3-" + sku, line(sku, 1));
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat((String) JsonPath.read(response.getBody(), "$.status")).isEqualTo("PENDING");
		assertThat(took).isLessThan(Duration.ofSeconds(1));
		String health = health();
		assertThat((String) JsonPath.read(health, "$.status")).as("the service itself stays up").isEqualTo("UP");
		assertThat((String) JsonPath.read(health, "$.components.circuitBreakers.status")).isEqualTo("CIRCUIT_OPEN");
		assertThat((String) JsonPath.read(health, "$.components.circuitBreakers.details.inventory.state"))
			.isEqualTo("OPEN");
		// The first two orders are the reconciler's from two seconds on; it leaves
		// inventory alone as long as the circuit is open.
		await().during(Duration.ofMillis(3000))
			.atMost(Duration.ofMillis(3500))
			.until(() -> inventory.getAllServeEvents().isEmpty());
		assertThat(circuitBreaker().getState()).as("still open, so nothing was sent while open").isEqualTo(State.OPEN);
	}

	@Test
	void closesTheCircuitAfterSuccessfulProbesOnceInventoryRecoversAndConfirmsThePendingOrders() {
		List<StateTransition> transitions = new CopyOnWriteArrayList<>();
		circuitBreaker().getEventPublisher().onStateTransition((event) -> transitions.add(event.getStateTransition()));
		String sku = sku("BACK");
		inventory.stubFor(reservationOf(sku).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		List<String> ids = List.of(idOf(place("back-1-" + sku, line(sku, 1))),
				idOf(place("back-2-" + sku, line(sku, 1))));
		assertThat(circuitBreaker().getState()).isEqualTo(State.OPEN);

		StubMapping recovered = inventory.stubFor(reservationOf(sku).willReturn(reserved()));

		await().atMost(SETTLED)
			.untilAsserted(() -> assertThat(ids).allSatisfy((id) -> assertThat(statusOf(id)).isEqualTo("CONFIRMED")));
		assertThat(circuitBreaker().getState()).isEqualTo(State.CLOSED);
		assertThat(transitions).containsExactly(StateTransition.CLOSED_TO_OPEN, StateTransition.OPEN_TO_HALF_OPEN,
				StateTransition.HALF_OPEN_TO_CLOSED);
		// The two probes were the reconciler's reservations of the two orders.
		assertThat(ids).allSatisfy((id) -> assertThat(answeredBy(recovered, id)).isEqualTo(1));
	}

	@Test
	void keepsAnOrderPendingWhenTheBulkheadIsFullAndConfirmsItLater() throws Exception {
		String slow = sku("SLOW");
		inventory.stubFor(reservationOf(slow).willReturn(reserved().withFixedDelay(1500)));
		String refused = sku("REFUSED");
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<ResponseEntity<String>> first = executor.submit(() -> place("slow-1-" + slow, line(slow, 1)));
			Future<ResponseEntity<String>> second = executor.submit(() -> place("slow-2-" + slow, line(slow, 1)));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> bulkhead().getMetrics().getAvailableConcurrentCalls() == 0);

			ResponseEntity<String> response = place("refused-" + refused, line(refused, 1));

			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
			inventory.verify(exactly(0), reservationsOf(refused));
			assertThat(first.get(10, TimeUnit.SECONDS).getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(second.get(10, TimeUnit.SECONDS).getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();

			String id = idOf(response);
			await().atMost(SETTLED).untilAsserted(() -> assertThat(statusOf(id)).isEqualTo("CONFIRMED"));
			inventory.verify(exactly(1), reservationsOf(refused));
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void waitsForAReservationLongerThanSpringCloudCircuitBreakersDefaultTimeLimit() {
		String sku = sku("PATIENT");
		inventory.stubFor(reservationOf(sku).willReturn(reserved().withFixedDelay(1300)));

		ResponseEntity<String> response = place("patient-" + sku, line(sku, 1));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		inventory.verify(exactly(1), reservationsOf(sku));
		assertThat(circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void showsTheCircuitBreakerInHealthAndTheResilienceSeriesInPrometheus() {
		String health = health();
		assertThat((String) JsonPath.read(health, "$.components.circuitBreakers.status")).isEqualTo("UP");
		assertThat((String) JsonPath.read(health, "$.components.circuitBreakers.details.inventory.state"))
			.isEqualTo("CLOSED");

		String prometheus = http().get().uri("/actuator/prometheus").retrieve().body(String.class);

		assertThat(prometheus)
			.containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"inventory\"[^}]*state=\"closed\"[^}]*} 1")
			.containsPattern("resilience4j_circuitbreaker_calls_seconds_count\\{[^}]*name=\"inventory\"")
			.containsPattern("resilience4j_retry_calls_total\\{[^}]*name=\"inventory\"")
			.containsPattern("resilience4j_retry_calls_total\\{[^}]*name=\"inventory-token\"")
			.containsPattern("resilience4j_bulkhead_available_concurrent_calls\\{[^}]*name=\"inventory\"[^}]*} 2");
	}

	// --- helpers ---

	private CircuitBreaker circuitBreaker() {
		return this.circuitBreakers.circuitBreaker("inventory");
	}

	private Bulkhead bulkhead() {
		return this.bulkheads.bulkhead("inventory");
	}

	/** The next call to inventory has to ask auth-service for a token first. */
	private void forgetTheToken() {
		this.authorizedClients.removeAuthorizedClient("inventory", "order-service");
	}

	private static ResponseDefinitionBuilder token() {
		return aResponse().withStatus(200)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.withBody("{\"access_token\":\"" + TestJwtIssuer.shared().token("order-service", "inventory:reserve")
					+ "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"inventory:reserve\"}");
	}

	private static long answeredBy(StubMapping stub, String orderId) {
		return inventory.getAllServeEvents()
			.stream()
			.filter((event) -> event.getStubMapping() != null && stub.getId().equals(event.getStubMapping().getId()))
			.map(ServeEvent::getRequest)
			.filter((request) -> request.getBodyAsString().contains(orderId))
			.count();
	}

	private RestClient http() {
		return OrderFlowTestSupport.client(this.port);
	}

	private ResponseEntity<String> place(String idempotencyKey, Line... lines) {
		return OrderFlowTestSupport.place(http(), OWNER, idempotencyKey, lines);
	}

	private String statusOf(String orderId) {
		return JsonPath.read(http().get()
			.uri("/api/orders/" + orderId)
			.header(HttpHeaders.AUTHORIZATION, bearer(OWNER, "orders:read"))
			.retrieve()
			.body(String.class), "$.status");
	}

	private String health() {
		return http().get()
			.uri("/actuator/health")
			.header(HttpHeaders.AUTHORIZATION, bearer("operator", "ops"))
			.retrieve()
			.body(String.class);
	}

}
