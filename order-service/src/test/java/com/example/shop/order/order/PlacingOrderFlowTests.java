package com.example.shop.order.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Placing orders end to end: the status codes of every inventory outcome, the token
 * order-service shows inventory, idempotency, and the reconciler finishing what inventory
 * left open.
 */
class PlacingOrderFlowTests extends OrderFlowTestSupport {

	private static final Duration RECONCILED = Duration.ofSeconds(30);

	@Test
	void confirmsOrderWhenInventoryReservesItUsingItsOwnToken() throws Exception {
		String sku = sku("OK");
		inventoryReserves(sku);
		String callerToken = bearer("client-a", "orders:write", "orders:read");

		ResponseEntity<String> response = http().post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, callerToken)
			.header("Idempotency-Key", "confirm-" + sku)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(line(sku, 2), line(sku + "-B", 1), line(sku + "-C", 3)))
			.retrieve()
			.toEntity(String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = idOf(response);
		assertThat(locationOf(response)).hasToString("/api/orders/" + id);
		assertThat((String) JsonPath.read(response.getBody(), "$.status")).isEqualTo("CONFIRMED");
		assertThat(strings(JsonPath.read(response.getBody(), "$.lines[*].sku"))).containsExactly(sku, sku + "-B",
				sku + "-C");
		assertThat(statusOf("client-a", id)).isEqualTo("CONFIRMED");

		List<LoggedRequest> reservations = inventory.findAll(reservationsOf(sku));
		assertThat(reservations).hasSize(1);
		LoggedRequest reservation = reservations.get(0);
		assertThat((String) JsonPath.read(reservation.getBodyAsString(), "$.orderId")).isEqualTo(id);
		assertThat((Integer) JsonPath.read(reservation.getBodyAsString(), "$.lines[0].quantity")).isEqualTo(2);
		String authorization = reservation.getHeader(HttpHeaders.AUTHORIZATION);
		assertThat(authorization).startsWith("Bearer ").isNotEqualTo(callerToken);
		JWTClaimsSet claims = SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("order-service");
		assertThat(claims.getStringListClaim("scope")).containsExactly("inventory:reserve");
	}

	@Test
	void rejectsOrderNamingTheShortSkuWhenInventoryIsShort() {
		String sku = sku("SHORT");
		inventoryIsShortOf(sku, 5, 1);

		ResponseEntity<String> response = place("client-a", "short-" + sku, line(sku + "-FINE", 1), line(sku, 5));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		String problem = response.getBody();
		assertThat((String) JsonPath.read(problem, "$.type")).isEqualTo(PROBLEM + "insufficient-stock");
		assertThat((String) JsonPath.read(problem, "$.detail")).contains(sku);
		List<Map<String, Object>> shortages = JsonPath.read(problem, "$.shortages");
		assertThat(shortages).containsExactly(Map.of("sku", sku, "requested", 5, "available", 1));
		String id = JsonPath.read(problem, "$.orderId");
		assertThat(statusOf("client-a", id)).isEqualTo("REJECTED");

		ResponseEntity<String> replay = place("client-a", "short-" + sku, line(sku + "-FINE", 1), line(sku, 5));
		assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat((String) JsonPath.read(replay.getBody(), "$.orderId")).isEqualTo(id);
		assertThat((List<?>) JsonPath.read(replay.getBody(), "$.shortages")).isEqualTo(shortages);
		inventory.verify(exactly(1), reservationsOf(sku));
	}

	static Stream<Arguments> inventoryFailures() {
		return Stream.of(
				Arguments.of("slow beyond the read timeout",
						aResponse().withFixedDelay(5000)
							.withStatus(201)
							.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
							.withBody("{}")),
				Arguments.of("failing with 500", aResponse().withStatus(500).withBody("boom")),
				Arguments.of("down (connection reset)", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
				Arguments.of("answering garbage",
						aResponse().withStatus(201)
							.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
							.withBody("<html>this is not JSON")),
				Arguments.of("confirming a different order", aResponse().withStatus(201)
					.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
					.withBody("{\"orderId\":\"00000000-0000-0000-0000-000000000000\",\"status\":\"RESERVED\"}")));
	}

	@ParameterizedTest(name = "inventory {0}")
	@MethodSource("inventoryFailures")
	void keepsOrderPendingWhenInventoryGivesNoAnswerAndConfirmsItLater(String failure,
			com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
		String sku = sku("PENDING");
		inventory.stubFor(reservationOf(sku).willReturn(answer));

		ResponseEntity<String> response = place("client-a", "pending-" + sku, line(sku, 1));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String id = idOf(response);
		assertThat(locationOf(response)).hasToString("/api/orders/" + id);
		assertThat((String) JsonPath.read(response.getBody(), "$.status")).isEqualTo("PENDING");
		assertThat(statusOf("client-a", id)).isEqualTo("PENDING");

		StubMapping recovered = inventoryReserves(sku);
		await().atMost(RECONCILED).untilAsserted(() -> assertThat(statusOf("client-a", id)).isEqualTo("CONFIRMED"));
		assertThat(answeredBy(recovered, id)).isEqualTo(1);
	}

	@Test
	void rejectsPendingOrderLaterWhenInventoryComesBackShort() {
		String sku = sku("LATE-SHORT");
		inventory.stubFor(reservationOf(sku).willReturn(aResponse().withStatus(503)));
		ResponseEntity<String> response = place("client-a", "late-short-" + sku, line(sku, 4));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String id = idOf(response);

		inventoryIsShortOf(sku, 4, 0);
		await().atMost(RECONCILED).untilAsserted(() -> assertThat(statusOf("client-a", id)).isEqualTo("REJECTED"));

		ResponseEntity<String> replay = place("client-a", "late-short-" + sku, line(sku, 4));
		assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat((String) JsonPath.read(replay.getBody(), "$.shortages[0].sku")).isEqualTo(sku);
	}

	static Stream<Arguments> uncoercedOrders() {
		return Stream.of(
				Arguments.of(Named.of("a fraction of a unit", "{\"lines\":[{\"sku\":\"%s\",\"quantity\":1.9}]}"),
						"lines[0].quantity"),
				Arguments.of(Named.of("a quantity as a string", "{\"lines\":[{\"sku\":\"%s\",\"quantity\":\"1\"}]}"),
						"lines[0].quantity"),
				Arguments.of(Named.of("a status of its own",
						"{\"lines\":[{\"sku\":\"%s\",\"quantity\":1}],\"status\":\"CONFIRMED\"}"), "status"),
				Arguments.of(Named.of("another owner",
						"{\"lines\":[{\"sku\":\"%s\",\"quantity\":1}],\"owner\":\"someone-else\"}"), "owner"),
				Arguments.of(
						Named.of("an id of its own",
								"{\"id\":\"" + UUID.randomUUID() + "\",\"lines\":[{\"sku\":\"%s\",\"quantity\":1}]}"),
						"id"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("uncoercedOrders")
	void refusesAnOrderNotExactlyOfTheDeclaredTypesNamingTheFieldAndStoresNothing(String template, String field) {
		String sku = sku("STRICT");
		inventoryReserves(sku);
		String owner = owner("strict");

		ResponseEntity<String> refused = http().post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer(owner, "orders:write"))
			.header("Idempotency-Key", "strict-" + sku)
			.contentType(MediaType.APPLICATION_JSON)
			.body(template.formatted(sku))
			.retrieve()
			.toEntity(String.class);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((String) JsonPath.read(refused.getBody(), "$.type")).isEqualTo(PROBLEM + "validation");
		assertThat(strings(JsonPath.read(refused.getBody(), "$.errors[*].field"))).containsExactly(field);
		inventory.verify(exactly(0), reservationsOf(sku));
		assertThat((Integer) JsonPath.read(get(owner, "/api/orders").getBody(), "$.page.totalElements")).isZero();
	}

	@Test
	void replaysTheSameOrderForTheSameKeyAndBodyWithoutReservingAgain() {
		String sku = sku("REPLAY");
		inventoryReserves(sku);

		ResponseEntity<String> first = place("client-a", "replay-" + sku, line(sku, 1));
		ResponseEntity<String> second = place("client-a", "replay-" + sku, line(sku, 1));

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(idOf(second)).isEqualTo(idOf(first));
		assertThat(locationOf(second)).isEqualTo(locationOf(first));
		inventory.verify(exactly(1), reservationsOf(sku));
	}

	@Test
	void refusesTheSameKeyWithADifferentBody() {
		String sku = sku("REUSED");
		inventoryReserves(sku);
		assertThat(place("client-a", "reused-" + sku, line(sku, 1)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

		ResponseEntity<String> reused = place("client-a", "reused-" + sku, line(sku, 2));

		assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat((String) JsonPath.read(reused.getBody(), "$.type")).isEqualTo(PROBLEM + "idempotency-key-reused");
		inventory.verify(exactly(1), reservationsOf(sku));
	}

	@Test
	void keysBelongToTheirOwner() {
		String sku = sku("OWNERS");
		inventoryReserves(sku);

		ResponseEntity<String> ofA = place("client-a", "shared-key-" + sku, line(sku, 1));
		ResponseEntity<String> ofB = place("client-b", "shared-key-" + sku, line(sku, 1));

		assertThat(ofA.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(ofB.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(idOf(ofB)).isNotEqualTo(idOf(ofA));
	}

	@Test
	void concurrentDuplicatesBecomeOneOrder() throws Exception {
		String sku = sku("RACE");
		inventory.stubFor(reservationOf(sku).willReturn(reserved().withFixedDelay(300)));
		int clients = 6;
		CountDownLatch start = new CountDownLatch(1);
		Callable<ResponseEntity<String>> duplicate = () -> {
			start.await();
			return place("client-a", "race-" + sku, line(sku, 1));
		};
		ExecutorService executor = Executors.newFixedThreadPool(clients);
		try {
			List<Future<ResponseEntity<String>>> futures = Stream.generate(() -> executor.submit(duplicate))
				.limit(clients)
				.toList();
			start.countDown();
			List<ResponseEntity<String>> responses = futures.stream().map(PlacingOrderFlowTests::join).toList();

			Set<String> ids = responses.stream().map(OrderFlowTestSupport::idOf).collect(Collectors.toSet());
			assertThat(ids).hasSize(1);
			assertThat(responses).allSatisfy(
					(response) -> assertThat(response.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.ACCEPTED));
		}
		finally {
			executor.shutdownNow();
		}
		inventory.verify(exactly(1), reservationsOf(sku));
	}

	@Test
	void acceptsMoreLinesThanTheWebTestsLimitUnderTheDefaultLimit() {
		String sku = sku("MANY");
		inventoryReserves(sku);

		ResponseEntity<String> response = place("client-a", "many-" + sku, line(sku, 1), line(sku + "-2", 1),
				line(sku + "-3", 1));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	private static <T> T join(Future<T> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
