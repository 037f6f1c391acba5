package com.example.shop.inventory.reservation;

import java.util.List;
import java.util.UUID;

/**
 * A reservation as the API shows it.
 *
 * @param orderId the order
 * @param status {@code RESERVED} or {@code RELEASED}
 * @param lines the reserved lines in SKU order, one per SKU
 */
record ReservationResponse(UUID orderId, ReservationStatus status, List<Line> lines) {

	static ReservationResponse of(Reservation reservation) {
		return new ReservationResponse(reservation.getOrderId(), reservation.getStatus(),
				reservation.getLines().stream().map((line) -> new Line(line.sku(), line.quantity())).toList());
	}

	record Line(String sku, int quantity) {

	}

}
