package com.example.shop.config;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Who may do what on the config server, and how it answers requests it refuses: always a
 * problem, never Tomcat's HTML page or Spring Boot's default error JSON.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityTests {

	private static final String CLIENT = "Authorization: " + TestUsers.CLIENT.authorization();

	private static final String OPERATOR = "Authorization: " + TestUsers.OPERATOR.authorization();

	@LocalServerPort
	int port;

	@Test
	void asksForBasicCredentialsWithAProblemWhenAConfigurationIsFetchedWithoutThem() {
		ResponseEntity<String> response = get(TestUsers.ANONYMOUS, "/order-service/default");

		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Basic realm=\"config-service\"");
		assertProblem(response, 401);
	}

	@Test
	void refusesAWrongPasswordLikeAMissingOne() {
		RawHttp.Response response = RawHttp.send(this.port, "GET /order-service/default HTTP/1.1",
				"Authorization: Basic Y29uZmlnLWNsaWVudDp3cm9uZw==");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Basic realm=\"config-service\"");
		assertThat(response.body()).contains("\"status\":401");
	}

	@Test
	void servesConfigurationAndItsResourcePathsToTheClientAndTheOperator() {
		for (TestUsers user : new TestUsers[] { TestUsers.CLIENT, TestUsers.OPERATOR }) {
			assertThat(get(user, "/order-service/default").getBody()).contains("\"orders.max-lines\":10");
			assertThat(get(user, "/order-service/default/main").getStatusCode().value()).isEqualTo(200);
			assertThat(get(user, "/order-service-default.yml").getBody()).contains("max-lines: 10");
			assertThat(get(user, "/order-service-default.properties").getBody()).contains("orders.max-lines: 10");
		}
	}

	@Test
	void keepsEncryptionBusRefreshWebhooksAndTheActuatorForTheOperator() {
		for (String path : new String[] { "/encrypt", "/decrypt", "/monitor", "/actuator/busrefresh" }) {
			assertThat(post(TestUsers.ANONYMOUS, path).getStatusCode().value()).as(path).isEqualTo(401);
			ResponseEntity<String> forbidden = post(TestUsers.CLIENT, path);
			assertThat(forbidden.getStatusCode().value()).as(path).isEqualTo(403);
			assertProblem(forbidden, 403);
		}
		for (String path : new String[] { "/actuator/metrics", "/actuator", "/encrypt/status", "/key" }) {
			assertThat(get(TestUsers.ANONYMOUS, path).getStatusCode().value()).as(path).isEqualTo(401);
			assertThat(get(TestUsers.CLIENT, path).getStatusCode().value()).as(path).isEqualTo(403);
		}
		assertThat(get(TestUsers.OPERATOR, "/actuator/metrics").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void leavesProbesInfoAndScrapingOpenButShowsHealthDetailsOnlyToTheOperator() {
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
				"/actuator/info", "/actuator/prometheus" }) {
			assertThat(get(TestUsers.ANONYMOUS, path).getStatusCode().value()).as(path).isEqualTo(200);
		}
		assertThat(get(TestUsers.ANONYMOUS, "/actuator/health").getBody()).doesNotContain("configServer");
		assertThat(get(TestUsers.CLIENT, "/actuator/health").getBody()).doesNotContain("configServer");
		assertThat(get(TestUsers.OPERATOR, "/actuator/health").getBody()).contains("\"configServer\"")
			.doesNotContain("rabbit");
	}

	@Test
	void createsNoSession() {
		ResponseEntity<String> response = get(TestUsers.CLIENT, "/order-service/default");

		assertThat(response.getHeaders().get("Set-Cookie")).isNull();
	}

	@Test
	void answersEncryptWithAProblemWhenNoKeyIsInstalled() {
		ResponseEntity<String> response = TestUsers.OPERATOR.client(this.port)
			.post()
			.uri("/encrypt")
			.contentType(MediaType.TEXT_PLAIN)
			.body("secret")
			.retrieve()
			.toEntity(String.class);

		assertThat(response.getStatusCode().is4xxClientError() || response.getStatusCode().is5xxServerError()).isTrue();
		assertProblem(response, response.getStatusCode().value());
		assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at org.");
	}

	static Stream<Arguments> hostileRequests() {
		return Stream.of(arguments("GET /..;/actuator/env HTTP/1.1", CLIENT, 400),
				arguments("GET /actuator/..;/actuator/env HTTP/1.1", "", 400),
				arguments("GET /%2e%2e/actuator/env HTTP/1.1", OPERATOR, 400),
				arguments("GET /actuator/health/%2e%2e/%2e%2e/actuator/env HTTP/1.1", "", 400),
				arguments("GET /order-service/default/%00 HTTP/1.1", CLIENT, 400),
				arguments("GET /order-service/default/main/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1", CLIENT, 400),
				arguments("GET /order-service/default/x/../../../../etc/passwd HTTP/1.1", CLIENT, 400),
				arguments("GET /order-service/default/%c0%ae%c0%ae/x HTTP/1.1", CLIENT, 400),
				arguments("GET /order-service//default HTTP/1.1", CLIENT, 400),
				arguments("GET /no-such-thing HTTP/1.1", CLIENT, 404),
				arguments("GET /no-such-thing HTTP/1.1", "", 401),
				arguments("DELETE /order-service/default HTTP/1.1", OPERATOR, 405),
				arguments("DELETE /order-service/default HTTP/1.1", CLIENT, 403),
				arguments("BREW /order-service/default HTTP/1.1", OPERATOR, 400),
				arguments("GET /order-service/default HTTP/1.1", "X-Big: " + "x".repeat(20_000), 400),
				arguments("GET /order-service/default HTTP/1.1", "Authorization: Basic !!notbase64!!", 401));
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@MethodSource("hostileRequests")
	void answersHostileRequestsWithAProblem(String requestLine, String header, int status) {
		RawHttp.Response response = (header.isEmpty()) ? RawHttp.send(this.port, requestLine)
				: RawHttp.send(this.port, requestLine, header);

		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + status)
			.doesNotContain("<html")
			.doesNotContain("\"trace\"")
			.doesNotContain("\tat ");
	}

	private ResponseEntity<String> get(TestUsers user, String path) {
		return user.client(this.port).get().uri(path).retrieve().toEntity(String.class);
	}

	private ResponseEntity<String> post(TestUsers user, String path) {
		return user.client(this.port)
			.post()
			.uri(path)
			.contentType(MediaType.TEXT_PLAIN)
			.body("value")
			.retrieve()
			.toEntity(String.class);
	}

	private static void assertProblem(ResponseEntity<String> response, int status) {
		assertThat(response.getHeaders().getContentType()).isNotNull();
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.as("content type %s", response.getHeaders().getContentType())
			.isTrue();
		assertThat(response.getBody()).contains("\"status\":" + status)
			.contains("\"type\":\"https://shop.example.com/problems/");
	}

}
