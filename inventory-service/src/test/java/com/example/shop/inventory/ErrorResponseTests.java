package com.example.shop.inventory;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import com.example.shop.common.test.TestJwtIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever goes wrong, a client gets {@code application/problem+json} with a stable type,
 * never a framework's default error page or a stack trace.
 */
@InventoryApplicationTest
class ErrorResponseTests {

	private static final String PROBLEM = "https://shop.example.com/problems/";

	private final InventoryApi api;

	private final RestTestClient client;

	private final int port;

	ErrorResponseTests(@Autowired RestTestClient client, @LocalServerPort int port) {
		this.client = client;
		this.port = port;
		this.api = new InventoryApi(client);
	}

	@Test
	void answersMalformedJsonWithMalformedRequestProblem() {
		assertThat(this.api.postJson("/api/inventory/reservations", "{\"orderId\": \"", Tokens.RESERVE))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(PROBLEM + "malformed-request");
				json.assertThat().extractingPath("$.status").isEqualTo(400);
			});
	}

	@Test
	void answersHeadersTooLargeForTomcatWithAProblemInsteadOfTomcatsPage() throws IOException {
		String answer = raw("GET /api/inventory/items HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
				+ "x".repeat(32 * 1024) + "\r\nConnection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"type\":\"" + PROBLEM + "malformed-request\"")
			// Refused before Spring Security's filter chain ran, with its headers all the
			// same.
			.containsIgnoringCase("X-Content-Type-Options: nosniff")
			.containsIgnoringCase("X-Frame-Options: DENY")
			.doesNotContain("<html");
	}

	@Test
	void answersATraceTomcatRefusesWithAProblemAndTheSecurityHeaders() throws IOException {
		String answer = raw("TRACE /api/inventory/items HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 405")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.containsIgnoringCase("X-Content-Type-Options: nosniff")
			.containsIgnoringCase("X-Frame-Options: DENY")
			.doesNotContain("<html");
	}

	@Test
	void answersAPathTomcatRefusesWithAProblemInsteadOfTomcatsPage() throws IOException {
		String answer = raw("GET /api/inventory/items/..%2F..%2Factuator%2Fenv HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.doesNotContain("<html");
	}

	@Test
	void refusesAnUnacceptableAcceptBeforeChangingAnything() {
		String sku = InventoryApi.uniqueSku("ACCEPT");

		assertThat(RestTestClientResponse.from(this.client.put()
			.uri("/api/inventory/items/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.WRITE))
			.accept(MediaType.TEXT_HTML)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"Anvil\",\"available\":5}")
			.exchange())).hasStatus(HttpStatus.NOT_ACCEPTABLE)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "not-acceptable");
		assertThat(this.api.getItem(sku)).hasStatus(HttpStatus.NOT_FOUND);
	}

	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void answersUnknownPathWithNotFoundProblem() {
		assertThat(this.api.get("/api/inventory/nothing-here", Tokens.READ)).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "not-found");
	}

	@Test
	void answersUnsupportedMethodAndMediaTypeWithProblems() {
		assertThat(RestTestClientResponse.from(this.client.delete()
			.uri("/api/inventory/items/A-1")
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.READ, Tokens.WRITE))
			.exchange())).hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "method-not-allowed");
		assertThat(RestTestClientResponse.from(this.client.post()
			.uri("/api/inventory/reservations")
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.RESERVE))
			.contentType(MediaType.TEXT_PLAIN)
			.body("reserve please")
			.exchange())).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "unsupported-media-type");
	}

	@Test
	void answersMissingOrInvalidTokenWith401Problem() {
		assertThat(RestTestClientResponse.from(this.client.get().uri("/api/inventory/items").exchange()))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.containsHeader(HttpHeaders.WWW_AUTHENTICATE)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "unauthorized");
		assertThat(RestTestClientResponse.from(this.client.get()
			.uri("/api/inventory/items")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwtIssuer.shared().expiredToken("c", Tokens.READ))
			.exchange())).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void answersWrongScopeWith403Problem() {
		assertThat(this.api.get("/api/inventory/items", Tokens.RESERVE)).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "forbidden");
	}

	@Test
	void keepsProbesOpenAndOtherActuatorEndpointsForOps() {
		assertThat(RestTestClientResponse.from(this.client.get().uri("/actuator/health/readiness").exchange()))
			.hasStatusOk();
		assertThat(this.api.get("/actuator/metrics", Tokens.READ, Tokens.WRITE, Tokens.RESERVE))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.api.get("/actuator/metrics", "ops")).hasStatusOk();
	}

	@Test
	void showsTheEndpointsItMapsToOpsOnly() {
		assertThat(RestTestClientResponse.from(this.client.get().uri("/actuator/mappings").exchange()))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.get("/actuator/mappings", Tokens.READ, Tokens.WRITE, Tokens.RESERVE))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.api.get("/actuator/mappings", "ops")).hasStatusOk()
			.bodyText()
			.contains("/api/inventory/items/{sku}")
			.contains("/api/inventory/reservations/{orderId}");
	}

}
