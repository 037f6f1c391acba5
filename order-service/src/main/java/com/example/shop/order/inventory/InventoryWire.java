package com.example.shop.order.inventory;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The bodies of inventory-service's reservation API as this service reads and writes
 * them. Deliberately separate from the public result types so that a change of the wire
 * format stays in this package.
 */
final class InventoryWire {

	private InventoryWire() {
	}

	record ReservationRequest(UUID orderId, List<Line> lines) {
	}

	record Line(@Nullable String sku, int quantity) {
	}

	record ReservationResponse(@Nullable UUID orderId, @Nullable String status, @Nullable List<Line> lines) {
	}

	record ShortageProblem(@Nullable URI type, @Nullable List<ShortageLine> shortages) {
	}

	record ShortageLine(@Nullable String sku, int requested, int available) {
	}

}
