package com.example.shop.gateway;

import java.io.IOException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.common.test.UseTestJwtIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-service replaced by a {@link RawBackend} that breaks its connections: whenever
 * not a byte of its answer has reached the client yet, the client gets a clean 502
 * problem, and the request is never sent twice.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
@UseTestJwtIssuer
class BrokenBackendTest {

	private static final RawBackend orders = new RawBackend();

	@Autowired
	WebTestClient client;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void brokenOrderService(DynamicPropertyRegistry registry) {
		registry.add("shop.services.order-url", orders::baseUrl);
		registry.add("shop.services.inventory-url", Backends.INVENTORY::baseUrl);
		registry.add("shop.auth.url", Backends.AUTH::baseUrl);
	}

	@AfterAll
	static void stopBackend() throws IOException {
		orders.close();
	}

	@BeforeEach
	void closeTheBreakers() {
		// These failures must not add up across tests into an open breaker (a 503).
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@Test
	void answersABadGatewayProblemWhenTheServiceClosesTheConnectionWithoutAnswering() {
		orders.behave(RawBackend.CLOSE_AFTER_REQUEST);

		GatewayErrorsTest.expectProblem(readOrder(), HttpStatus.BAD_GATEWAY, "bad-gateway");
	}

	@Test
	void answersABadGatewayProblemWhenTheServiceClosesTheConnectionBeforeReadingTheRequest() {
		orders.behave(RawBackend.CLOSE_AT_ONCE);

		GatewayErrorsTest.expectProblem(readOrder(), HttpStatus.BAD_GATEWAY, "bad-gateway");
	}

	@Test
	void answersABadGatewayProblemWithoutTheServiceHeadersWhenItsBodyBreaksBeforeTheFirstByte() {
		orders.behave(RawBackend.answerThenClose("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 100\r\nX-Order-Secret: 42\r\n\r\n"));

		GatewayErrorsTest.expectProblem(readOrder().expectHeader().doesNotExist("X-Order-Secret"),
				HttpStatus.BAD_GATEWAY, "bad-gateway");
	}

	@Test
	void cutsTheConnectionWhenTheServiceBreaksAfterPartOfItsBodyWasSent() {
		orders.behave(RawBackend.answerThenClose(
				"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":\"7\","));

		String answer = RawClient.exchange(this.port, "GET /api/orders/7 HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
				+ bearer("orders:read") + "\r\nConnection: close\r\n\r\n");

		// The status line was already out: the client can only tell from the cut.
		assertThat(answer).startsWith("HTTP/1.1 200 ").containsIgnoringCase("content-length: 100");
		assertThat(RawClient.body(answer)).hasSizeLessThan(100);
	}

	@Test
	void sendsAnOrderToTheServiceOnlyOnceWhenItsConnectionBreaks() {
		orders.behave(RawBackend.CLOSE_AFTER_REQUEST);

		GatewayErrorsTest.expectProblem(this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:write"))
			.header("Idempotency-Key", "key-once")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"lines\":[{\"sku\":\"A-1\",\"quantity\":1}]}")
			.exchange(), HttpStatus.BAD_GATEWAY, "bad-gateway");

		assertThat(orders.requestsReceived()).isEqualTo(1);
	}

	private WebTestClient.ResponseSpec readOrder() {
		return this.client.get()
			.uri("/api/orders/7")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:read"))
			.exchange();
	}

	private static String bearer(String... scopes) {
		return "Bearer " + TestJwtIssuer.shared().token("client-a", scopes);
	}

}
