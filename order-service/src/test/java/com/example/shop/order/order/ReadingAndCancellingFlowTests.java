package com.example.shop.order.order;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reading and cancelling orders end to end: who sees what, paging, and what a cancel does
 * to inventory.
 */
class ReadingAndCancellingFlowTests extends OrderFlowTestSupport {

	private static final Duration RECONCILED = Duration.ofSeconds(30);

	@Test
	void refusesAnonymousCallersWithProblemButAnswersProbes() {
		ResponseEntity<String> anonymous = http().get().uri("/api/orders").retrieve().toEntity(String.class);

		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.isTrue();
		assertThat((String) JsonPath.read(anonymous.getBody(), "$.type")).isEqualTo(PROBLEM + "unauthorized");
		assertThat(http().get().uri("/actuator/health/readiness").retrieve().toEntity(String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void showsAnOrderOnlyToItsOwnerAndToAdmins() {
		String sku = sku("MINE");
		inventoryReserves(sku);
		String owner = owner("owner");
		String id = idOf(place(owner, "mine-" + sku, line(sku, 1)));

		assertThat(get(owner, "/api/orders/" + id).getStatusCode()).isEqualTo(HttpStatus.OK);
		ResponseEntity<String> stranger = get(owner("stranger"), "/api/orders/" + id);
		assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat((String) JsonPath.read(stranger.getBody(), "$.type")).isEqualTo(PROBLEM + "not-found");
		ResponseEntity<String> admin = get("ops-admin", "/api/orders/" + id, "orders:read", "orders:admin");
		assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat((String) JsonPath.read(admin.getBody(), "$.id")).isEqualTo(id);

		assertThat(strings(JsonPath.read(get(owner("stranger"), "/api/orders?size=100").getBody(), "$.content[*].id")))
			.doesNotContain(id);
		assertThat(cancel(owner("stranger"), id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(statusOf(owner, id)).isEqualTo("CONFIRMED");
	}

	@Test
	void listsOwnOrdersNewestFirstInPages() {
		String sku = sku("LIST");
		inventoryReserves(sku);
		String owner = owner("lister");
		String first = idOf(place(owner, "list-1-" + sku, line(sku, 1)));
		String second = idOf(place(owner, "list-2-" + sku, line(sku, 2)));
		String third = idOf(place(owner, "list-3-" + sku, line(sku, 3)));

		ResponseEntity<String> page0 = get(owner, "/api/orders?page=0&size=2");
		assertThat(page0.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(strings(JsonPath.read(page0.getBody(), "$.content[*].id"))).containsExactly(third, second);
		assertThat((Integer) JsonPath.read(page0.getBody(), "$.page.totalElements")).isEqualTo(3);
		assertThat((Integer) JsonPath.read(page0.getBody(), "$.page.totalPages")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(page0.getBody(), "$.page.size")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(page0.getBody(), "$.page.number")).isZero();
		ResponseEntity<String> page1 = get(owner, "/api/orders?page=1&size=2");
		assertThat(strings(JsonPath.read(page1.getBody(), "$.content[*].id"))).containsExactly(first);

		List<String> everybodys = strings(JsonPath.read(
				get("ops-admin", "/api/orders?size=100", "orders:read", "orders:admin").getBody(), "$.content[*].id"));
		assertThat(everybodys).contains(first, second, third);
	}

	@Test
	void cancellingAConfirmedOrderReleasesItsStockOnce() {
		String sku = sku("CANCEL");
		inventoryReserves(sku);
		String id = idOf(place("client-a", "cancel-" + sku, line(sku, 1)));

		ResponseEntity<String> cancelled = cancel("client-a", id);
		assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat((String) JsonPath.read(cancelled.getBody(), "$.status")).isEqualTo("CANCELLED");
		inventory.verify(exactly(1), releaseOf(id));
		assertThat(inventory.findAll(releaseOf(id)).get(0).getHeader(HttpHeaders.AUTHORIZATION)).startsWith("Bearer ");

		ResponseEntity<String> again = cancel("client-a", id);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat((String) JsonPath.read(again.getBody(), "$.status")).isEqualTo("CANCELLED");
		inventory.verify(exactly(1), releaseOf(id));
		assertThat(statusOf("client-a", id)).isEqualTo("CANCELLED");
	}

	@Test
	void leavesAConfirmedOrderUnchangedWhenInventoryCannotReleaseIt() {
		String sku = sku("NO-RELEASE");
		inventoryReserves(sku);
		String id = idOf(place("client-a", "no-release-" + sku, line(sku, 1)));
		inventory.stubFor(delete(urlEqualTo(RESERVATIONS + "/" + id)).atPriority(1)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		ResponseEntity<String> refused = cancel("client-a", id);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat((String) JsonPath.read(refused.getBody(), "$.type")).isEqualTo(PROBLEM + "service-unavailable");
		assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(statusOf("client-a", id)).isEqualTo("CONFIRMED");

		inventory
			.stubFor(delete(urlEqualTo(RESERVATIONS + "/" + id)).atPriority(1).willReturn(aResponse().withStatus(204)));
		assertThat(cancel("client-a", id).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(statusOf("client-a", id)).isEqualTo("CANCELLED");
	}

	@Test
	void refusesToCancelARejectedOrder() {
		String sku = sku("REJECTED");
		inventoryIsShortOf(sku, 3, 2);
		ResponseEntity<String> rejected = place("client-a", "rejected-" + sku, line(sku, 3));
		String id = JsonPath.read(rejected.getBody(), "$.orderId");

		ResponseEntity<String> refused = cancel("client-a", id);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat((String) JsonPath.read(refused.getBody(), "$.type")).isEqualTo(PROBLEM + "order-not-cancellable");
		assertThat(statusOf("client-a", id)).isEqualTo("REJECTED");
		inventory.verify(exactly(0), releaseOf(id));
	}

	@Test
	void cancelsAPendingOrderAtOnceAndReleasesItsStockInTheBackground() {
		String sku = sku("PENDING-CANCEL");
		inventory.stubFor(reservationOf(sku).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		ResponseEntity<String> placed = place("client-a", "pending-cancel-" + sku, line(sku, 1));
		assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String id = idOf(placed);

		ResponseEntity<String> cancelled = cancel("client-a", id);
		assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat((String) JsonPath.read(cancelled.getBody(), "$.status")).isEqualTo("CANCELLED");

		// Inventory is back: the reconciler gives back whatever the lost call may have
		// reserved, and never confirms the cancelled order.
		inventoryReserves(sku);
		await().atMost(RECONCILED).untilAsserted(() -> inventory.verify(exactly(1), releaseOf(id)));
		assertThat(statusOf("client-a", id)).isEqualTo("CANCELLED");
	}

}
