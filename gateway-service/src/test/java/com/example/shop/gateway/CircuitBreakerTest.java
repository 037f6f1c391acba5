package com.example.shop.gateway;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.common.test.UseTestJwtIssuer;
import com.github.tomakehurst.wiremock.http.Fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The circuit breaker and time limit every route has, with settings small enough to see
 * them work: a breaker opens after four calls of which half failed, stays open for two
 * seconds, and inventory's time limit is three seconds (above what a first call through a
 * fresh context takes on a busy machine, far below the slow stub's delay).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"shop.gateway.circuit-breaker.sliding-window-size=4", "shop.gateway.circuit-breaker.minimum-number-of-calls=4",
		"shop.gateway.circuit-breaker.failure-rate-threshold=50", "shop.gateway.circuit-breaker.wait-in-open-state=2s",
		"shop.gateway.circuit-breaker.calls-in-half-open-state=1",
		"shop.gateway.circuit-breaker.time-limits.inventory=3s",
		"spring.cloud.gateway.server.webflux.httpclient.response-timeout=10s" })
@AutoConfigureWebTestClient(timeout = "20s")
@UseTestJwtIssuer
class CircuitBreakerTest {

	private static final String ITEM = "/api/inventory/items/A-1";

	private static final String ITEM_JSON = "{\"sku\":\"A-1\",\"name\":\"Anvil\",\"available\":5}";

	@Autowired
	WebTestClient client;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		Backends.register(registry);
	}

	@BeforeEach
	void closeEveryBreaker() {
		Backends.resetAll();
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@Test
	void opensTheCircuitAfterFailuresAndThenAnswersServiceUnavailableWithoutCallingTheService() {
		Backends.INVENTORY.stubFor(get(ITEM).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		// Failures before the breaker opens keep their own answer.
		for (int i = 0; i < 4; i++) {
			GatewayErrorsTest.expectProblem(readItem(), HttpStatus.BAD_GATEWAY, "bad-gateway");
		}
		expectUnavailable(readItem()).jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("does not call it for a while"));

		assertThat(Backends.INVENTORY.getAllServeEvents()).hasSize(4);
		assertThat(this.circuitBreakers.circuitBreaker("inventory").getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	@Test
	void letsATrialCallThroughAfterTheWaitAndClosesWhenTheServiceIsBack() {
		Backends.INVENTORY.stubFor(get(ITEM).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
		for (int i = 0; i < 4; i++) {
			readItem().expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY);
		}
		expectUnavailable(readItem());

		Backends.INVENTORY.stubFor(
				get(ITEM).willReturn(aResponse().withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
					.withBody(ITEM_JSON)));

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> readItem().expectBody(String.class).returnResult().getStatus().value() == 200);
		assertThat(this.circuitBreakers.circuitBreaker("inventory").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void answersServiceUnavailableWithRetryAfterWhenTheServiceIsSlowerThanItsTimeLimit() {
		Backends.INVENTORY.stubFor(get(ITEM).willReturn(aResponse().withFixedDelay(8_000)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.withBody(ITEM_JSON)));

		long started = System.nanoTime();
		expectUnavailable(readItem()).jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("time limit"));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(6_000));
		// The late answer must not land in the journal of a later test.
		await().until(() -> Backends.INVENTORY.getAllServeEvents().size() == 1);
	}

	@Test
	void sendsAnOrderToTheServiceOnlyOnceWhenTheServiceFails() {
		Backends.ORDERS.stubFor(post("/api/orders").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		GatewayErrorsTest.expectProblem(placeOrder(), HttpStatus.BAD_GATEWAY, "bad-gateway");

		Backends.ORDERS.verify(1, postRequestedFor(urlEqualTo("/api/orders")));
	}

	@Test
	void neverSendsAnOrderAgainWhileItsCircuitIsOpen() {
		Backends.ORDERS.stubFor(post("/api/orders").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
		for (int i = 0; i < 4; i++) {
			placeOrder().expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY);
		}

		expectUnavailable(placeOrder());
		expectUnavailable(placeOrder());

		Backends.ORDERS.verify(4, postRequestedFor(urlEqualTo("/api/orders")));
	}

	@Test
	void passesAServiceErrorAnswerThroughWithoutCountingItAsAFailure() {
		Backends.INVENTORY.stubFor(get(ITEM).willReturn(aResponse().withStatus(500)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.withBody("{\"type\":\"https://shop.example.com/problems/internal-error\",\"status\":500}")));

		for (int i = 0; i < 6; i++) {
			readItem().expectStatus()
				.isEqualTo(500)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://shop.example.com/problems/internal-error");
		}

		assertThat(this.circuitBreakers.circuitBreaker("inventory").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void publishesTheStateOfEachRouteBreakerAsAMetric() {
		Backends.INVENTORY.stubFor(get(ITEM).willReturn(aResponse().withBody(ITEM_JSON)));
		readItem().expectStatus().isOk();

		this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((metrics) -> assertThat(metrics).containsPattern(
					"resilience4j_circuitbreaker_state\\{[^}]*name=\"inventory\"[^}]*state=\"closed\"[^}]*\\} 1"));
	}

	@Test
	void answersNotFoundWhenTheFallbackIsCalledDirectly() {
		GatewayErrorsTest.expectProblem(
				this.client.get().uri("/fallback").header(HttpHeaders.AUTHORIZATION, bearer("orders:read")).exchange(),
				HttpStatus.NOT_FOUND, "not-found");
	}

	private ResponseSpec readItem() {
		return this.client.get().uri(ITEM).header(HttpHeaders.AUTHORIZATION, bearer("inventory:read")).exchange();
	}

	private ResponseSpec placeOrder() {
		return this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:write"))
			.header("Idempotency-Key", "key-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"lines\":[{\"sku\":\"A-1\",\"quantity\":1}]}")
			.exchange();
	}

	private static WebTestClient.BodyContentSpec expectUnavailable(ResponseSpec response) {
		return GatewayErrorsTest.expectProblem(response.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2"),
				HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable");
	}

	private static String bearer(String... scopes) {
		return "Bearer " + TestJwtIssuer.shared().token("client-a", scopes);
	}

}
