package com.example.shop.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

import com.example.shop.system.Gateway.Response;
import com.example.shop.system.OrderLoad.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must hold after any failure, checked through the API (and, where the API cannot
 * tell, in the databases): every order a client got a 2xx for ends CONFIRMED, REJECTED or
 * CANCELLED within 60 s; the stock taken is exactly what the confirmed orders asked for;
 * no idempotency key has two orders; no stock is ever negative.
 */
final class OrderInvariants {

	static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

	private static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

	private OrderInvariants() {
	}

	/**
	 * Waits until every order of the load's SKU is terminal, then checks the stock and
	 * the keys through the API.
	 * @param stockBefore the item's available stock before the load
	 * @return every order of the SKU as the API shows it at the end
	 */
	static List<JsonNode> assertHold(Gateway gateway, String token, OrderLoad.Result load, int stockBefore) {
		String context = load.summary();
		Map<UUID, Order> acceptedById = load.accepted()
			.stream()
			.collect(Collectors.toMap((order) -> order.orderId().orElseThrow(), (order) -> order));
		assertThat(acceptedById).as("one order per accepted answer: %s", context).hasSize(load.accepted().size());

		// Every order a client got a 2xx for, and every other order of the SKU (placed by
		// a request whose answer was lost), becomes terminal on its own.
		List<JsonNode> orders = new ArrayList<>();
		Awaitility.await("every order of " + load.sku() + " CONFIRMED, REJECTED or CANCELLED")
			.atMost(SETTLE_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptionsInstanceOf(IllegalStateException.class)
			.untilAsserted(() -> {
				for (UUID id : acceptedById.keySet()) {
					Response order = gateway.get("/api/orders/" + id).token(token).send();
					assertThat(order.status()).as(order.toString()).isEqualTo(200);
					assertThat(order.json().get("status").asString()).as("order %s", id).isIn(TERMINAL);
				}
				List<JsonNode> all = ordersOf(gateway, token, load.sku());
				assertThat(all).extracting((order) -> order.get("status").asString())
					.as("orders of %s", load.sku())
					.allMatch(TERMINAL::contains);
				orders.clear();
				orders.addAll(all);
			});

		// Each key names one order, whatever the client was told on each attempt.
		Set<UUID> ids = orders.stream()
			.map((order) -> UUID.fromString(order.get("id").asString()))
			.collect(Collectors.toSet());
		assertThat(ids).as("every answered order exists: %s", context).containsAll(acceptedById.keySet());
		assertThat(orders).as("no more orders than idempotency keys: %s", context)
			.hasSizeLessThanOrEqualTo(load.orders().size());
		for (Order order : load.orders()) {
			order.orderId().ifPresent((id) -> assertThat(ids).as("order %s of key %s", id, order.key()).contains(id));
		}

		// Stock taken = units confirmed; never below zero, not even for a moment.
		int confirmed = orders.stream()
			.filter((order) -> order.get("status").asString().equals("CONFIRMED"))
			.mapToInt((order) -> quantityOf(order, load.sku()))
			.sum();
		int stockAfter = TestData.available(gateway, token, load.sku());
		assertThat(stockBefore - stockAfter).as("stock taken = units confirmed: %s", context).isEqualTo(confirmed);
		assertThat(stockAfter).isNotNegative();
		assertThat(load.stockSeen()).as("stock read while the orders ran").allMatch((stock) -> stock >= 0);
		for (Order order : load.accepted()) {
			JsonNode stored = orders.stream()
				.filter((candidate) -> candidate.get("id").asString().equals(order.orderId().orElseThrow().toString()))
				.findFirst()
				.orElseThrow();
			if (order.status() == 201) {
				assertThat(stored.get("status").asString()).as("a 201 was CONFIRMED: %s", stored)
					.isEqualTo("CONFIRMED");
			}
		}
		return orders;
	}

	/**
	 * No owner has two orders under one idempotency key, in the orders database.
	 */
	static void assertNoKeyHasTwoOrders(Connection orders) throws SQLException {
		try (Statement statement = orders.createStatement();
				ResultSet keys = statement.executeQuery("select owner, idempotency_key, count(*) from orders"
						+ " group by owner, idempotency_key having count(*) > 1")) {
			List<String> duplicates = new ArrayList<>();
			while (keys.next()) {
				duplicates.add(keys.getString(1) + "/" + keys.getString(2) + ": " + keys.getInt(3));
			}
			assertThat(duplicates).as("idempotency keys with more than one order").isEmpty();
		}
	}

	/**
	 * No item has a negative stock, and the units inventory holds for this SKU are the
	 * units of the orders the orders database has CONFIRMED.
	 */
	static void assertStockMatches(Connection inventory, Connection orders, String sku) throws SQLException {
		try (Statement statement = inventory.createStatement();
				ResultSet negative = statement.executeQuery("select count(*) from item where available < 0")) {
			negative.next();
			assertThat(negative.getInt(1)).as("items with a negative stock").isZero();
		}
		int reserved = sum(inventory,
				"select coalesce(sum(l.quantity), 0) from reservation_line l"
						+ " join reservation r on r.order_id = l.order_id where r.status = 'RESERVED' and l.sku = ?",
				sku);
		int confirmed = sum(orders, "select coalesce(sum(l.quantity), 0) from order_line l"
				+ " join orders o on o.id = l.order_id where o.status = 'CONFIRMED' and l.sku = ?", sku);
		assertThat(reserved).as("units of %s held by reservations = units of CONFIRMED orders", sku)
			.isEqualTo(confirmed);
	}

	private static int sum(Connection connection, String sql, String sku) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, sku);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	/** Every order of the caller that has a line of this SKU, read page by page. */
	static List<JsonNode> ordersOf(Gateway gateway, String token, String sku) {
		List<JsonNode> orders = new ArrayList<>();
		for (int page = 0;; page++) {
			Response response = gateway.get("/api/orders?size=100&page=" + page).token(token).send();
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			JsonNode content = response.json().get("content");
			for (JsonNode order : content) {
				if (quantityOf(order, sku) > 0) {
					orders.add(order);
				}
			}
			if (content.size() < 100) {
				return orders;
			}
		}
	}

	private static int quantityOf(JsonNode order, String sku) {
		int quantity = 0;
		for (JsonNode line : order.get("lines")) {
			if (line.get("sku").asString().equals(sku)) {
				quantity += line.get("quantity").asInt();
			}
		}
		return quantity;
	}

}
