package com.example.shop.order.inventory;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadProvider;
import org.springframework.web.client.RestClient;

import static com.example.shop.order.WireMockAnswers.inTurn;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How every answer of inventory (or the lack of one) becomes a result, and which of them
 * are retried and count against the circuit breaker, without Spring (the resilience
 * pieces are built as the service builds them, with small windows and short waits):
 * whatever inventory does, the client never throws.
 */
class RestInventoryClientTests {

	private static final UUID ORDER = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

	private static final List<ReservationLine> LINES = List.of(new ReservationLine("A-1", 2));

	private static final String RESERVATIONS = RestInventoryClient.RESERVATIONS;

	private static final WireMockServer inventory = new WireMockServer(options().dynamicPort());

	private RestInventoryClient client;

	private CircuitBreakerRegistry circuitBreakers;

	@BeforeAll
	static void start() {
		inventory.start();
	}

	@AfterAll
	static void stop() {
		inventory.stop();
	}

	@BeforeEach
	void reset() {
		inventory.resetAll();
		this.circuitBreakers = new InventoryResilienceConfiguration()
			.circuitBreakerRegistry(properties(inventory.baseUrl()));
		this.client = clientFor(inventory.baseUrl(), this.circuitBreakers);
	}

	@Test
	void sendsTheOrderIdAndLinesAndReportsAReservation() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(json(201, "{\"orderId\":\"" + ORDER
				+ "\",\"status\":\"RESERVED\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":2}]}")));

		assertThat(this.client.reserve(ORDER, LINES)).isEqualTo(new ReservationResult.Reserved());
		inventory.verify(postRequestedFor(urlEqualTo(RESERVATIONS)).withRequestBody(
				equalToJson("{\"orderId\":\"" + ORDER + "\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":2}]}")));
	}

	@Test
	void takesARepeatedReservationAsAReservation() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS))
			.willReturn(json(200, "{\"orderId\":\"" + ORDER + "\",\"status\":\"RESERVED\",\"lines\":[]}")));

		assertThat(this.client.reserve(ORDER, LINES)).isInstanceOf(ReservationResult.Reserved.class);
	}

	@Test
	void reportsEveryShortageInventoryNamed() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(aResponse().withStatus(409)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"type\":\"https://shop.example.com/problems/insufficient-stock\",\"status\":409,"
					+ "\"shortages\":[{\"sku\":\"A-1\",\"requested\":2,\"available\":1},"
					+ "{\"sku\":\"B-2\",\"requested\":1,\"available\":0}]}")));

		assertThat(this.client.reserve(ORDER, LINES))
			.isEqualTo(new ReservationResult.Rejected(List.of(new Shortage("A-1", 2, 1), new Shortage("B-2", 1, 0))));
	}

	@Test
	void takesAConflictWithoutShortagesAsARejectionAllTheSame() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(
				aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json").withBody("{}")));

		assertThat(this.client.reserve(ORDER, LINES)).isEqualTo(new ReservationResult.Rejected(List.of()));
	}

	@Test
	void reportsUnavailableForAnswersThatSettleNothing() {
		for (int status : new int[] { 400, 401, 403, 404, 500, 502, 503 }) {
			inventory
				.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(aResponse().withStatus(status).withBody("nope")));

			assertThat(this.client.reserve(ORDER, LINES)).as("status %d", status)
				.isInstanceOf(ReservationResult.Unavailable.class);
		}
	}

	@Test
	void reportsUnavailableWhenTheAnswerDoesNotConfirmThisOrder() {
		for (String body : List.of("{\"orderId\":\"" + UUID.randomUUID() + "\",\"status\":\"RESERVED\"}",
				"{\"orderId\":\"" + ORDER + "\",\"status\":\"RELEASED\"}", "{}", "[]", "not json")) {
			inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(json(201, body)));

			assertThat(this.client.reserve(ORDER, LINES)).as(body).isInstanceOf(ReservationResult.Unavailable.class);
		}
	}

	@Test
	void reportsUnavailableWhenInventoryIsTooSlow() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS))
			.willReturn(json(201, "{\"orderId\":\"" + ORDER + "\",\"status\":\"RESERVED\"}").withFixedDelay(2000)));

		assertThat(this.client.reserve(ORDER, LINES)).isInstanceOf(ReservationResult.Unavailable.class);
	}

	@Test
	void reportsUnavailableAndReleasesNothingWhenNobodyListens() throws IOException {
		RestInventoryClient unreachable = clientFor("http://127.0.0.1:" + closedPort());

		assertThat(unreachable.reserve(ORDER, LINES)).isInstanceOf(ReservationResult.Unavailable.class);
		assertThat(unreachable.release(ORDER)).isFalse();
	}

	@Test
	void releasesWhenInventoryAnswersNoContent() {
		inventory.stubFor(delete(urlEqualTo(RESERVATIONS + "/" + ORDER)).willReturn(aResponse().withStatus(204)));

		assertThat(this.client.release(ORDER)).isTrue();
	}

	@Test
	void doesNotCallAFailedReleaseDone() {
		inventory.stubFor(delete(urlEqualTo(RESERVATIONS + "/" + ORDER)).willReturn(aResponse().withStatus(500)));

		assertThat(this.client.release(ORDER)).isFalse();
	}

	@Test
	void retriesAReservationAnswered503UntilItSucceeds() {
		inTurn(inventory, () -> post(urlEqualTo(RESERVATIONS)), aResponse().withStatus(503),
				aResponse().withStatus(503), json(201, "{\"orderId\":\"" + ORDER + "\",\"status\":\"RESERVED\"}"));

		assertThat(this.client.reserve(ORDER, LINES)).isEqualTo(new ReservationResult.Reserved());
		inventory.verify(exactly(3), postRequestedFor(urlEqualTo(RESERVATIONS)));
	}

	@Test
	void givesUpAfterTheLastAttemptAndCountsEveryFailedAttempt() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(aResponse().withStatus(500)));

		assertThat(this.client.reserve(ORDER, LINES)).isInstanceOf(ReservationResult.Unavailable.class);
		// Three attempts and no more: the HTTP client does not repeat anything itself.
		inventory.verify(exactly(3), postRequestedFor(urlEqualTo(RESERVATIONS)));
		assertThat(circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
	}

	@Test
	void retriesAConnectionThatWasReset() {
		inTurn(inventory, () -> post(urlEqualTo(RESERVATIONS)), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
				json(201, "{\"orderId\":\"" + ORDER + "\",\"status\":\"RESERVED\"}"));

		assertThat(this.client.reserve(ORDER, LINES)).isEqualTo(new ReservationResult.Reserved());
		inventory.verify(exactly(2), postRequestedFor(urlEqualTo(RESERVATIONS)));
	}

	@Test
	void neitherRetriesNorCountsAShortageAsAFailure() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(aResponse().withStatus(409)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"shortages\":[{\"sku\":\"A-1\",\"requested\":2,\"available\":0}]}")));

		for (int i = 0; i < 10; i++) {
			assertThat(this.client.reserve(ORDER, LINES)).isInstanceOf(ReservationResult.Rejected.class);
		}

		inventory.verify(exactly(10), postRequestedFor(urlEqualTo(RESERVATIONS)));
		assertThat(circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void neitherRetriesNorCountsAClientErrorAsAFailure() {
		for (int status : new int[] { 400, 401, 403, 404, 422 }) {
			inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(aResponse().withStatus(status)));

			assertThat(this.client.reserve(ORDER, LINES)).as("status %d", status)
				.isInstanceOf(ReservationResult.Unavailable.class);
		}

		inventory.verify(exactly(5), postRequestedFor(urlEqualTo(RESERVATIONS)));
		assertThat(circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void countsATimeoutAsAFailureWithoutRetryingIt() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS))
			.willReturn(json(201, "{\"orderId\":\"" + ORDER + "\",\"status\":\"RESERVED\"}").withFixedDelay(1500)));

		assertThat(this.client.reserve(ORDER, LINES)).isInstanceOf(ReservationResult.Unavailable.class);
		inventory.verify(exactly(1), postRequestedFor(urlEqualTo(RESERVATIONS)));
		assertThat(circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void sendsNothingWhileTheCircuitIsOpen() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(aResponse().withStatus(503)));
		// Four failed attempts fill the window of four: the circuit opens, and the
		// second reservation's further attempts are refused without a request.
		this.client.reserve(ORDER, LINES);
		this.client.reserve(ORDER, LINES);
		inventory.verify(exactly(4), postRequestedFor(urlEqualTo(RESERVATIONS)));
		assertThat(circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(this.client.acceptsCalls()).isFalse();
		inventory.resetRequests();

		assertThat(this.client.reserve(ORDER, LINES)).isInstanceOf(ReservationResult.Unavailable.class);
		assertThat(this.client.release(ORDER)).isFalse();
		inventory.verify(exactly(0), anyRequestedFor(anyUrl()));
	}

	@Test
	void retriesAReleaseAnswered503UntilItSucceeds() {
		inTurn(inventory, () -> delete(urlEqualTo(RESERVATIONS + "/" + ORDER)), aResponse().withStatus(503),
				aResponse().withStatus(503), aResponse().withStatus(204));

		assertThat(this.client.release(ORDER)).isTrue();
		inventory.verify(exactly(3), deleteRequestedFor(urlEqualTo(RESERVATIONS + "/" + ORDER)));
	}

	private CircuitBreaker circuitBreaker() {
		return this.circuitBreakers.circuitBreaker(InventoryCalls.INVENTORY);
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static InventoryClientProperties properties(String baseUrl) {
		Map<String, String> settings = Map.of("orders.inventory.base-url", baseUrl, "orders.inventory.connect-timeout",
				"500ms", "orders.inventory.read-timeout", "500ms", "orders.inventory.retry.initial-wait", "10ms",
				"orders.inventory.retry.max-wait", "50ms", "orders.inventory.circuit-breaker.sliding-window-size", "4",
				"orders.inventory.circuit-breaker.minimum-number-of-calls", "4");
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("orders.inventory",
				InventoryClientProperties.class);
	}

	private static RestInventoryClient clientFor(String baseUrl) {
		InventoryClientProperties properties = properties(baseUrl);
		return clientFor(baseUrl, new InventoryResilienceConfiguration().circuitBreakerRegistry(properties));
	}

	/**
	 * The client as the service builds it: its HTTP client, and Spring Cloud
	 * CircuitBreaker set as application.yml sets it.
	 */
	private static RestInventoryClient clientFor(String baseUrl, CircuitBreakerRegistry circuitBreakers) {
		InventoryClientProperties properties = properties(baseUrl);
		InventoryResilienceConfiguration resilience = new InventoryResilienceConfiguration();
		BulkheadRegistry bulkheads = resilience.bulkheadRegistry(properties);
		RetryRegistry retries = resilience.retryRegistry(properties);
		Resilience4JConfigurationProperties cloud = new Resilience4JConfigurationProperties();
		cloud.setDisableThreadPool(true);
		cloud.setEnableSemaphoreDefaultBulkhead(true);
		cloud.setDisableTimeLimiter(true);
		Resilience4JCircuitBreakerFactory factory = new Resilience4JCircuitBreakerFactory(circuitBreakers,
				resilience.timeLimiterRegistry(),
				new Resilience4jBulkheadProvider(resilience.threadPoolBulkheadRegistry(), bulkheads, cloud), cloud);
		RestClient restClient = RestClient.builder()
			.baseUrl(baseUrl)
			.requestFactory(InventoryClientConfiguration.requestFactory(properties)
				.build(HttpClientSettings.defaults()
					.withTimeouts(properties.connectTimeout(), properties.readTimeout())))
			.build();
		return new RestInventoryClient(restClient, resilience.inventoryCalls(factory, circuitBreakers, retries));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
