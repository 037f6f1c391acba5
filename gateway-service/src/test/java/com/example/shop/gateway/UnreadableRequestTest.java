package com.example.shop.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Reactor Netty refuses while parsing them, before any filter runs, still
 * get a problem: sent on a raw socket, since every HTTP client library would refuse to
 * send them.
 */
class UnreadableRequestTest extends GatewayTestSupport {

	@Test
	void answersARequestLineLongerThanTheLimitWithAProblem() {
		String answer = send("GET /api/orders/" + "x".repeat(5_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

		expectProblem(answer, "414");
	}

	@Test
	void answersHeadersLargerThanTheLimitWithAProblem() {
		String answer = send("GET /api/orders/7 HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer("orders:read")
				+ "\r\nX-Filler: " + "x".repeat(9_000) + "\r\n\r\n");

		expectProblem(answer, "431");
	}

	@Test
	void answersAnInvalidHeaderWithAProblem() {
		String answer = send("GET /api/orders/7 HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n");

		expectProblem(answer, "400");
	}

	@Test
	void answersSomethingThatIsNotHttpWithAProblem() {
		String answer = send("HELLO THERE\r\n\r\n");

		expectProblem(answer, "400");
	}

	@Test
	void stillAnswersAReadableRequestOnTheSameServer() {
		String answer = send("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 200 ");
	}

	private String send(String request) {
		return RawClient.exchange(this.port, request);
	}

	private static void expectProblem(String answer, String status) {
		assertThat(answer).startsWith("HTTP/1.1 " + status + " ")
			.containsIgnoringCase("content-type: application/problem+json")
			.containsIgnoringCase("connection: close")
			.containsIgnoringCase("x-content-type-options: nosniff")
			.containsIgnoringCase("x-frame-options: DENY")
			.containsIgnoringCase("cache-control: no-cache, no-store")
			.containsIgnoringCase("referrer-policy: no-referrer");
		assertThat(RawClient.body(answer)).contains("\"type\":\"https://shop.example.com/problems/malformed-request\"")
			.contains("\"status\":" + status)
			.contains("\"detail\":\"")
			.doesNotContain("Exception");
		assertThat(Backends.requestsReceived()).isZero();
	}

}
