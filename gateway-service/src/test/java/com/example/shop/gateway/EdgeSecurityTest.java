package com.example.shop.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import com.example.shop.common.test.TestJwtIssuer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

class EdgeSecurityTest extends GatewayTestSupport {

	private static final TestJwtIssuer issuer = TestJwtIssuer.shared();

	@Test
	void refusesARequestWithoutTokenWithAProblemAndTheBearerChallenge() {
		expectUnauthorized(this.client.get().uri("/api/orders/7").exchange()).expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		assertThat(Backends.requestsReceived()).isZero();
	}

	@Test
	void refusesATokenWithAForeignSignature() {
		expectInvalidToken("Bearer " + issuer.tokenWithForeignSignature("client-a", "orders:read"));
	}

	@Test
	void refusesAnExpiredToken() {
		expectInvalidToken("Bearer " + issuer.expiredToken("client-a", "orders:read"));
	}

	@Test
	void refusesATokenFromAnotherIssuer() {
		expectInvalidToken("Bearer " + issuer.tokenFromOtherIssuer("client-a", "orders:read"));
	}

	@Test
	void refusesATokenForNoServiceBehindTheGateway() {
		expectInvalidToken("Bearer " + issuer.tokenFor(List.of("auth-service"), "client-a", "orders:read"));
	}

	@Test
	void letsThroughATokenForOneServiceBehindIt() {
		stubEveryBackend();

		this.client.get()
			.uri("/api/orders/7")
			.header(HttpHeaders.AUTHORIZATION,
					"Bearer " + issuer.tokenFor(List.of("order-service"), "client-a", "orders:read"))
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(Backends.requestsReceived()).isOne();
	}

	@Test
	void refusesAGarbledToken() {
		expectInvalidToken("Bearer not-a-jwt");
	}

	@Test
	void leavesTheProbesAndScrapingOpen() {
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/info").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((metrics) -> assertThat(metrics).contains("jvm_memory_used_bytes"));
		assertThat(Backends.requestsReceived()).isZero();
	}

	@Test
	void keepsTheOtherActuatorEndpointsForTheOpsScope() {
		expectUnauthorized(this.client.get().uri("/actuator/env").exchange());
		this.client.get()
			.uri("/actuator/metrics")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:read", "orders:write", "orders:admin"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge).contains("insufficient_scope"))
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://shop.example.com/problems/forbidden")
			.jsonPath("$.status")
			.isEqualTo(403);
		this.client.get()
			.uri("/actuator/metrics")
			.header(HttpHeaders.AUTHORIZATION, bearer("ops"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.names")
			.isArray();
		assertThat(Backends.requestsReceived()).isZero();
	}

	@Test
	void neverForwardsActuatorPathsToAService() {
		stubEveryBackend();
		String ops = bearer("ops");

		// Not exposed on the gateway: its own 404, not a service's answer.
		this.client.get()
			.uri("/actuator/env")
			.header(HttpHeaders.AUTHORIZATION, ops)
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get()
			.uri("/actuator/gateway/routes")
			.header(HttpHeaders.AUTHORIZATION, ops)
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/api/actuator/env")
			.header(HttpHeaders.AUTHORIZATION, ops)
			.exchange()
			.expectStatus()
			.isNotFound();

		assertThat(Backends.requestsReceived()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/orders/../actuator/env", "/api/orders/%2e%2e/actuator/env",
			"/api/orders/%2E%2E/%2E%2E/actuator/env", "/api/orders/..%2factuator/env", "/api/orders/..;/actuator/env",
			"/api/inventory/%252e%252e/actuator/env", "/api/inventory/..%5cactuator/env",
			"/oauth2/token/../../actuator/env" })
	void rejectsPathTricksThatCouldReachAServiceActuator(String path) {
		stubEveryBackend();

		// A raw socket, so that no client library normalises the path first.
		String answer = rawGet(path, bearer("ops"));

		assertThat(answer).startsWith("HTTP/1.1 400 ")
			.containsIgnoringCase("content-type: application/problem+json")
			.contains("\"type\":\"https://shop.example.com/problems/malformed-request\"");
		assertSecurityHeaders(answer);
		assertThat(Backends.requestsReceived()).isZero();
	}

	@Test
	void refusesATraceWithAProblemAndTheSecurityHeaders() {
		stubEveryBackend();

		// Spring Security's firewall refuses the method before the filter chain runs.
		String answer = raw("TRACE", "/api/orders", bearer("orders:read"));

		assertThat(answer).startsWith("HTTP/1.1 400 ")
			.containsIgnoringCase("content-type: application/problem+json")
			.contains("\"type\":\"https://shop.example.com/problems/malformed-request\"");
		assertSecurityHeaders(answer);
		assertThat(Backends.requestsReceived()).isZero();
	}

	private static void assertSecurityHeaders(String answer) {
		assertThat(answer).containsIgnoringCase("x-content-type-options: nosniff")
			.containsIgnoringCase("x-frame-options: DENY")
			.containsIgnoringCase("cache-control: no-cache, no-store, max-age=0, must-revalidate")
			.containsIgnoringCase("referrer-policy: no-referrer");
	}

	private void expectInvalidToken(String authorization) {
		expectUnauthorized(
				this.client.get().uri("/api/orders/7").header(HttpHeaders.AUTHORIZATION, authorization).exchange())
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE,
					(challenge) -> assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
		assertThat(Backends.requestsReceived()).isZero();
	}

	private static ResponseSpec expectUnauthorized(ResponseSpec response) {
		response.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://shop.example.com/problems/unauthorized")
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.trace")
			.doesNotExist();
		return response;
	}

	private static void stubEveryBackend() {
		Backends.ORDERS.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{\"secret\":true}")));
		Backends.INVENTORY.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{\"secret\":true}")));
		Backends.AUTH.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{\"secret\":true}")));
	}

	private String rawGet(String path, String authorization) {
		return raw("GET", path, authorization);
	}

	private String raw(String method, String path, String authorization) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(20_000);
			String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
					+ "\r\nConnection: close\r\n\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
