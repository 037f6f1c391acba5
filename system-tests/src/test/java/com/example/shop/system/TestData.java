package com.example.shop.system;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.shop.system.Gateway.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small factories for the data the system tests need, created through the public API.
 */
final class TestData {

	private TestData() {
	}

	/** Creates an item with a fresh SKU and the given stock; returns the SKU. */
	static String newItem(Gateway gateway, String token, int available) {
		String sku = "SYS-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase(java.util.Locale.ROOT);
		Response response = gateway.put("/api/inventory/items/" + sku)
			.token(token)
			.json(Map.of("name", "System test item " + sku, "available", available))
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return sku;
	}

	static Response placeOrder(Gateway gateway, String token, String idempotencyKey, Map<String, Integer> lines) {
		List<Map<String, Object>> body = lines.entrySet()
			.stream()
			.map((line) -> Map.<String, Object>of("sku", line.getKey(), "quantity", line.getValue()))
			.toList();
		return gateway.post("/api/orders")
			.token(token)
			.header("Idempotency-Key", idempotencyKey)
			.json(Map.of("lines", body))
			.send();
	}

	static int available(Gateway gateway, String token, String sku) {
		Response response = gateway.get("/api/inventory/items/" + sku).token(token).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("available").asInt();
	}

}
