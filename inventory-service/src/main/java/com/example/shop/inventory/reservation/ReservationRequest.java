package com.example.shop.inventory.reservation;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.example.shop.inventory.item.Sku;

/**
 * Body of {@code POST /api/inventory/reservations}.
 *
 * @param orderId the order the stock is reserved for; also the idempotency key: a repeat
 * must ask for the same lines
 * @param lines what to reserve (a SKU listed twice is reserved once, with the quantities
 * added up)
 */
record ReservationRequest(@NotNull UUID orderId, @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Line> lines) {

	/**
	 * A requested line.
	 *
	 * @param sku the item
	 * @param quantity how many, 1 to 10000
	 */
	record Line(@Sku String sku, @Min(1) @Max(10_000) int quantity) {

	}

}
