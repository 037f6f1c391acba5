package com.example.shop.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import com.example.shop.system.Gateway.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order flow of the architecture, end to end through the gateway with tokens issued
 * by auth-service.
 */
@ExtendWith(ShopSystem.Extension.class)
class OrderFlowSystemTest {

	private static final String PROBLEMS = "https://shop.example.com/problems/";

	private final Gateway gateway;

	private final String demoToken;

	OrderFlowSystemTest(Gateway gateway) {
		this.gateway = gateway;
		this.demoToken = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "orders:read", "orders:write",
				"inventory:read", "inventory:write");
	}

	@Test
	void confirmsAnOrderAndTakesItsUnitsFromStock() {
		String sku = TestData.newItem(this.gateway, this.demoToken, 5);

		Response placed = placeOrder(this.demoToken, Map.of(sku, 3));

		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
		assertThat(placed.json().get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(placed.location()).endsWith("/api/orders/" + placed.json().get("id").asString());
		assertThat(available(sku)).isEqualTo(2);
	}

	@Test
	void rejectsAnOrderLargerThanTheRemainingStockNamingTheShortSkuAndChangesNoStock() {
		String plenty = TestData.newItem(this.gateway, this.demoToken, 50);
		String scarce = TestData.newItem(this.gateway, this.demoToken, 5);
		assertThat(placeOrder(this.demoToken, Map.of(scarce, 3)).status()).isEqualTo(201);

		Response rejected = placeOrder(this.demoToken, Map.of(plenty, 1, scarce, 4));

		assertThat(rejected.status()).as(rejected.toString()).isEqualTo(409);
		assertThat(rejected.isProblem()).isTrue();
		assertThat(rejected.json().get("type").asString()).isEqualTo(PROBLEMS + "insufficient-stock");
		JsonNode shortages = rejected.json().get("shortages");
		assertThat(shortages).hasSize(1);
		assertThat(shortages.get(0).get("sku").asString()).isEqualTo(scarce);
		assertThat(shortages.get(0).get("requested").asInt()).isEqualTo(4);
		assertThat(shortages.get(0).get("available").asInt()).isEqualTo(2);
		assertThat(available(scarce)).isEqualTo(2);
		assertThat(available(plenty)).isEqualTo(50);
		String orderId = rejected.json().get("orderId").asString();
		Response stored = this.gateway.get("/api/orders/" + orderId).token(this.demoToken).send();
		assertThat(stored.json().get("status").asString()).isEqualTo("REJECTED");
	}

	@Test
	void cancellingAnOrderPutsItsUnitsBackInStock() {
		String sku = TestData.newItem(this.gateway, this.demoToken, 5);
		String orderId = placeOrder(this.demoToken, Map.of(sku, 4)).json().get("id").asString();
		assertThat(available(sku)).isEqualTo(1);

		Response cancelled = this.gateway.post("/api/orders/" + orderId + "/cancel").token(this.demoToken).send();
		Response cancelledAgain = this.gateway.post("/api/orders/" + orderId + "/cancel").token(this.demoToken).send();

		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelledAgain.status()).isEqualTo(200);
		assertThat(available(sku)).isEqualTo(5);
	}

	@Test
	void replayingAnOrderWithTheSameIdempotencyKeyReturnsTheSameOrderAndReservesOnce() {
		String sku = TestData.newItem(this.gateway, this.demoToken, 5);
		String key = UUID.randomUUID().toString();

		Response first = placeOrder(this.demoToken, key, Map.of(sku, 2));
		Response replay = placeOrder(this.demoToken, key, Map.of(sku, 2));

		assertThat(replay.status()).isEqualTo(first.status()).isEqualTo(201);
		assertThat(replay.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
		assertThat(available(sku)).isEqualTo(3);
	}

	@Test
	void anotherClientCannotReadSomeoneElsesOrder() {
		String sku = TestData.newItem(this.gateway, this.demoToken, 5);
		String orderId = placeOrder(this.demoToken, Map.of(sku, 1)).json().get("id").asString();
		String secondToken = this.gateway.token(ShopSystem.SECOND_CLIENT, ShopSystem.SECOND_SECRET, "orders:read",
				"orders:write");

		Response foreign = this.gateway.get("/api/orders/" + orderId).token(secondToken).send();
		Response own = this.gateway.get("/api/orders/" + orderId).token(this.demoToken).send();
		Response list = this.gateway.get("/api/orders?size=100").token(secondToken).send();

		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.isProblem()).isTrue();
		assertThat(own.status()).isEqualTo(200);
		assertThat(list.body()).doesNotContain(orderId);
	}

	@Test
	void refusesARequestWithoutATokenWithA401Problem() {
		Response response = this.gateway.get("/api/orders").send();

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.isProblem()).as(response.toString()).isTrue();
	}

	@Test
	void refusesATokenWithoutTheNeededScopeWithA403Problem() {
		// For inventory-service, but only to read.
		String readOnly = this.gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "inventory:read");
		String secondToken = this.gateway.token(ShopSystem.SECOND_CLIENT, ShopSystem.SECOND_SECRET, "orders:read",
				"orders:write");

		Response response = this.gateway.put("/api/inventory/items/NOT-ALLOWED")
			.token(readOnly)
			.json(Map.of("name", "Nope", "available", 1))
			.send();
		// Not for inventory-service at all (its "aud" is order-service): not even valid
		// there.
		Response otherAudience = this.gateway.put("/api/inventory/items/NOT-ALLOWED")
			.token(secondToken)
			.json(Map.of("name", "Nope", "available", 1))
			.send();

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.isProblem()).as(response.toString()).isTrue();
		assertThat(otherAudience.status()).isEqualTo(401);
		assertThat(otherAudience.isProblem()).as(otherAudience.toString()).isTrue();
		assertThat(this.gateway.get("/api/inventory/items/NOT-ALLOWED").token(this.demoToken).send().status())
			.isEqualTo(404);
	}

	@Test
	void answersAnUnknownRouteWithA404Problem() {
		Response response = this.gateway.get("/api/unknown/things").token(this.demoToken).send();

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.isProblem()).as(response.toString()).isTrue();
		assertThat(response.json().get("type").asString()).isEqualTo(PROBLEMS + "not-found");
	}

	@Test
	void answersMalformedJsonWithA400ProblemAndPlacesNoOrder() {
		Response before = this.gateway.get("/api/orders?size=1").token(this.demoToken).send();

		Response response = this.gateway.post("/api/orders")
			.token(this.demoToken)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.rawJson("{\"lines\": [ {\"sku\": ")
			.send();

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.isProblem()).as(response.toString()).isTrue();
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
		Response after = this.gateway.get("/api/orders?size=1").token(this.demoToken).send();
		assertThat(after.json().get("page").get("totalElements").asLong())
			.isEqualTo(before.json().get("page").get("totalElements").asLong());
	}

	@Test
	void limitsTheLinesOfAnOrderToTheValueServedFromConfigRepo() {
		int maxLines = ShopSystem.MAX_LINES_IN_CONFIG_COPY;
		List<String> skus = new ArrayList<>();
		for (int i = 0; i <= maxLines; i++) {
			skus.add(TestData.newItem(this.gateway, this.demoToken, 1));
		}

		Response tooMany = placeOrder(this.demoToken, quantities(skus, 1));
		Response atLimit = placeOrder(this.demoToken, quantities(skus.subList(0, maxLines), 1));

		assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
		assertThat(tooMany.isProblem()).isTrue();
		assertThat(tooMany.body()).contains("at most " + maxLines + " lines");
		assertThat(atLimit.status()).as(atLimit.toString()).isEqualTo(201);
	}

	private static Map<String, Integer> quantities(List<String> skus, int quantity) {
		Map<String, Integer> lines = new java.util.LinkedHashMap<>();
		skus.forEach((sku) -> lines.put(sku, quantity));
		return lines;
	}

	private Response placeOrder(String token, Map<String, Integer> lines) {
		return placeOrder(token, UUID.randomUUID().toString(), lines);
	}

	private Response placeOrder(String token, String idempotencyKey, Map<String, Integer> lines) {
		return TestData.placeOrder(this.gateway, token, idempotencyKey, lines);
	}

	private int available(String sku) {
		return TestData.available(this.gateway, this.demoToken, sku);
	}

}
