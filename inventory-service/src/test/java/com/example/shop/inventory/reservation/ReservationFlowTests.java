package com.example.shop.inventory.reservation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import com.example.shop.inventory.InventoryApi;
import com.example.shop.inventory.InventoryApplicationTest;
import com.example.shop.inventory.Tokens;

import static com.example.shop.inventory.InventoryApi.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservations over real HTTP on PostgreSQL, as order-service uses them.
 */
@InventoryApplicationTest
class ReservationFlowTests {

	private static final String INSUFFICIENT_STOCK = "https://shop.example.com/problems/insufficient-stock";

	private static final String ORDER_ID_REUSED = "https://shop.example.com/problems/order-id-reused";

	private final InventoryApi api;

	private final MeterRegistry meters;

	ReservationFlowTests(@Autowired RestTestClient client, @Autowired MeterRegistry meters) {
		this.api = new InventoryApi(client);
		this.meters = meters;
	}

	@Test
	void reservesEveryLineAndTakesItsStock() {
		String anvil = this.api.givenItem("ANVIL", 10);
		String bolt = this.api.givenItem("BOLT", 5);
		UUID orderId = UUID.randomUUID();

		assertThat(this.api.reserve(orderId, line(bolt, 5), line(anvil, 2))).hasStatus(HttpStatus.CREATED)
			.hasHeader(HttpHeaders.LOCATION, "/api/inventory/reservations/" + orderId)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"orderId":"%s","status":"RESERVED","lines":[
					  {"sku":"%s","quantity":2},{"sku":"%s","quantity":5}]}""".formatted(orderId, anvil, bolt));

		assertThat(this.api.available(anvil)).isEqualTo(8);
		assertThat(this.api.available(bolt)).isZero();
		assertThat(this.api.getReservation(orderId)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("RESERVED");
	}

	@Test
	void reservesNothingWhenOneLineIsShort() {
		String anvil = this.api.givenItem("ANVIL", 10);
		String bolt = this.api.givenItem("BOLT", 1);
		UUID orderId = UUID.randomUUID();

		assertThat(this.api.reserve(orderId, line(anvil, 2), line(bolt, 5))).hasStatus(HttpStatus.CONFLICT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(INSUFFICIENT_STOCK);
				json.assertThat()
					.extractingPath("$.shortages")
					.isEqualTo(List.of(Map.of("sku", bolt, "requested", 5, "available", 1)));
			});

		assertThat(this.api.available(anvil)).isEqualTo(10);
		assertThat(this.api.available(bolt)).isEqualTo(1);
		assertThat(this.api.getReservation(orderId)).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void namesEveryShortLine() {
		String anvil = this.api.givenItem("ANVIL", 1);
		String bolt = this.api.givenItem("BOLT", 0);
		String clamp = this.api.givenItem("CLAMP", 9);

		assertThat(this.api.reserve(UUID.randomUUID(), line(clamp, 1), line(bolt, 1), line(anvil, 2)))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.shortages")
			.isEqualTo(List.of(Map.of("sku", anvil, "requested", 2, "available", 1),
					Map.of("sku", bolt, "requested", 1, "available", 0)));
		assertThat(this.api.available(clamp)).isEqualTo(9);
	}

	@Test
	void countsEveryReservationRefusedForShortStockAsOneStockout() {
		String anvil = this.api.givenItem("ANVIL", 1);
		String bolt = this.api.givenItem("BOLT", 1);
		double before = stockouts();

		// Two short lines in one reservation: one refusal.
		assertThat(this.api.reserve(UUID.randomUUID(), line(anvil, 2), line(bolt, 2))).hasStatus(HttpStatus.CONFLICT);
		assertThat(stockouts()).isEqualTo(before + 1);

		// Served, or refused for another reason: no stock-out.
		UUID orderId = UUID.randomUUID();
		assertThat(this.api.reserve(orderId, line(anvil, 1))).hasStatus(HttpStatus.CREATED);
		assertOrderIdReused(this.api.reserve(orderId, line(bolt, 1)), orderId);
		assertThat(stockouts()).isEqualTo(before + 1);

		assertThat(this.api.reserve(UUID.randomUUID(), line(anvil, 1))).hasStatus(HttpStatus.CONFLICT);
		assertThat(stockouts()).isEqualTo(before + 2);
		// No label of its own (only the common application tag): no series per SKU or
		// order.
		assertThat(this.meters.get("shop.inventory.stockouts").counter().getId().getTags()).extracting(Tag::getKey)
			.containsOnly("application");
	}

	private double stockouts() {
		return this.meters.get("shop.inventory.stockouts").counter().count();
	}

	@Test
	void treatsAnUnknownSkuAsShortWithNothingAvailable() {
		String anvil = this.api.givenItem("ANVIL", 10);
		String unknown = InventoryApi.uniqueSku("GHOST");

		assertThat(this.api.reserve(UUID.randomUUID(), line(anvil, 1), line(unknown, 3))).hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(INSUFFICIENT_STOCK);
				json.assertThat()
					.extractingPath("$.shortages")
					.isEqualTo(List.of(Map.of("sku", unknown, "requested", 3, "available", 0)));
			});
		assertThat(this.api.available(anvil)).isEqualTo(10);
	}

	@Test
	void anOrderRejectedForShortStockCanBeReservedOnceStockArrives() {
		String anvil = this.api.givenItem("ANVIL", 1);
		UUID orderId = UUID.randomUUID();
		assertThat(this.api.reserve(orderId, line(anvil, 3))).hasStatus(HttpStatus.CONFLICT);

		assertThat(this.api.putItem(anvil, "Anvil", 3)).hasStatusOk();

		assertThat(this.api.reserve(orderId, line(anvil, 3))).hasStatus(HttpStatus.CREATED);
		assertThat(this.api.available(anvil)).isZero();
	}

	@Test
	void repeatingAnOrderIdAnswersTheStoredReservationAndTakesStockOnce() {
		String anvil = this.api.givenItem("ANVIL", 10);
		UUID orderId = UUID.randomUUID();
		assertThat(this.api.reserve(orderId, line(anvil, 3))).hasStatus(HttpStatus.CREATED);

		assertThat(this.api.reserve(orderId, line(anvil, 3))).hasStatusOk()
			.doesNotContainHeader(HttpHeaders.LOCATION)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"orderId":"%s","status":"RESERVED","lines":[{"sku":"%s","quantity":3}]}""".formatted(orderId,
					anvil));

		assertThat(this.api.available(anvil)).isEqualTo(7);
	}

	@Test
	void repeatingAnOrderIdWithTheSameLinesListedDifferentlyAnswersTheStoredReservation() {
		String anvil = this.api.givenItem("ANVIL", 10);
		String bolt = this.api.givenItem("BOLT", 5);
		UUID orderId = UUID.randomUUID();
		assertThat(this.api.reserve(orderId, line(anvil, 2), line(bolt, 5))).hasStatus(HttpStatus.CREATED);

		// Lines are compared as quantities per SKU: order and splitting do not matter.
		assertThat(this.api.reserve(orderId, line(bolt, 5), line(anvil, 2))).hasStatusOk();
		assertThat(this.api.reserve(orderId, line(anvil, 1), line(bolt, 5), line(anvil, 1))).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("""
					{"orderId":"%s","status":"RESERVED","lines":[
					  {"sku":"%s","quantity":2},{"sku":"%s","quantity":5}]}""".formatted(orderId, anvil, bolt));

		assertThat(this.api.available(anvil)).isEqualTo(8);
		assertThat(this.api.available(bolt)).isZero();
	}

	@Test
	void rejectsARepeatedOrderIdWithOtherLinesAndChangesNothing() {
		String anvil = this.api.givenItem("ANVIL", 10);
		String bolt = this.api.givenItem("BOLT", 10);
		String clamp = this.api.givenItem("CLAMP", 10);
		UUID orderId = UUID.randomUUID();
		assertThat(this.api.reserve(orderId, line(anvil, 2), line(bolt, 5))).hasStatus(HttpStatus.CREATED);
		String stored = """
				{"orderId":"%s","status":"RESERVED","lines":[
				  {"sku":"%s","quantity":2},{"sku":"%s","quantity":5}]}""".formatted(orderId, anvil, bolt);

		List<List<InventoryApi.Line>> otherLines = List.of(List.of(line(anvil, 3), line(bolt, 5)),
				List.of(line(anvil, 2)), List.of(line(anvil, 2), line(bolt, 5), line(clamp, 1)),
				List.of(line(clamp, 2), line(bolt, 5)),
				// more than there is: the order id is checked before the stock
				List.of(line(anvil, 2), line(bolt, 500)));
		for (List<InventoryApi.Line> lines : otherLines) {
			assertOrderIdReused(this.api.reserve(orderId, lines.toArray(InventoryApi.Line[]::new)), orderId);
		}

		assertThat(this.api.available(anvil)).isEqualTo(8);
		assertThat(this.api.available(bolt)).isEqualTo(5);
		assertThat(this.api.available(clamp)).isEqualTo(10);
		assertThat(this.api.getReservation(orderId)).hasStatusOk().bodyJson().isStrictlyEqualTo(stored);
	}

	@Test
	void rejectsOtherLinesForAReleasedOrderIdAndChangesNothing() {
		String anvil = this.api.givenItem("ANVIL", 10);
		UUID orderId = UUID.randomUUID();
		this.api.reserve(orderId, line(anvil, 6));
		this.api.release(orderId);

		assertOrderIdReused(this.api.reserve(orderId, line(anvil, 4)), orderId);

		assertThat(this.api.available(anvil)).isEqualTo(10);
		assertThat(this.api.getReservation(orderId)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("RELEASED");
	}

	@Test
	void mergesLinesThatNameTheSameSku() {
		String anvil = this.api.givenItem("ANVIL", 10);

		assertThat(this.api.reserve(UUID.randomUUID(), line(anvil, 2), line(anvil, 3))).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.extractingPath("$.lines")
			.isEqualTo(List.of(Map.of("sku", anvil, "quantity", 5)));
		assertThat(this.api.available(anvil)).isEqualTo(5);
	}

	@Test
	void releaseGivesTheStockBackExactlyOnce() {
		String anvil = this.api.givenItem("ANVIL", 10);
		String bolt = this.api.givenItem("BOLT", 4);
		UUID orderId = UUID.randomUUID();
		assertThat(this.api.reserve(orderId, line(anvil, 6), line(bolt, 4))).hasStatus(HttpStatus.CREATED);

		assertThat(this.api.release(orderId)).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.api.available(anvil)).isEqualTo(10);
		assertThat(this.api.available(bolt)).isEqualTo(4);

		assertThat(this.api.release(orderId)).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.api.available(anvil)).isEqualTo(10);
		assertThat(this.api.available(bolt)).isEqualTo(4);
		assertThat(this.api.getReservation(orderId)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("RELEASED");
	}

	@Test
	void aReleasedOrderIdIsNotReservedAgain() {
		String anvil = this.api.givenItem("ANVIL", 10);
		UUID orderId = UUID.randomUUID();
		this.api.reserve(orderId, line(anvil, 6));
		this.api.release(orderId);

		assertThat(this.api.reserve(orderId, line(anvil, 6))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("RELEASED");
		assertThat(this.api.available(anvil)).isEqualTo(10);
	}

	@Test
	void releasingAnUnknownOrderChangesNothing() {
		assertThat(this.api.release(UUID.randomUUID())).hasStatus(HttpStatus.NO_CONTENT);
	}

	@Test
	void rejectsInvalidReservationWithValidationProblem() {
		assertThat(this.api.post("/api/inventory/reservations",
				Map.of("orderId", UUID.randomUUID(), "lines", List.of(line("A-1", 0), line("no spaces", 1))),
				Tokens.RESERVE))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo("https://shop.example.com/problems/validation");
				json.assertThat()
					.extractingPath("$.errors[*].field")
					.asArray()
					.containsOnly("lines[0].quantity", "lines[1].sku");
			});
	}

	@Test
	void clientsWithoutReserveScopeCannotReserve() {
		String anvil = this.api.givenItem("ANVIL", 10);

		assertThat(this.api.post("/api/inventory/reservations",
				Map.of("orderId", UUID.randomUUID(), "lines", List.of(line(anvil, 1))), Tokens.READ, Tokens.WRITE))
			.hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.api.available(anvil)).isEqualTo(10);
	}

	private static void assertOrderIdReused(RestTestClientResponse response, UUID orderId) {
		assertThat(response).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(ORDER_ID_REUSED);
				json.assertThat().extractingPath("$.status").isEqualTo(422);
				json.assertThat().extractingPath("$.orderId").isEqualTo(orderId.toString());
			});
	}

}
