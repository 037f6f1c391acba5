package com.example.shop.order.order.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.shop.order.order.OrderStatus;
import com.example.shop.order.order.OrderView;

/**
 * An order as the API shows it.
 *
 * @param id the order id
 * @param status PENDING, CONFIRMED, REJECTED or CANCELLED
 * @param lines what was ordered
 * @param createdAt when it was placed
 * @param updatedAt when it last changed
 */
record OrderResponse(UUID id, OrderStatus status, List<LineResponse> lines, Instant createdAt, Instant updatedAt) {

	static OrderResponse of(OrderView order) {
		return new OrderResponse(order.id(), order.status(),
				order.lines().stream().map((line) -> new LineResponse(line.sku(), line.quantity())).toList(),
				order.createdAt(), order.updatedAt());
	}

	record LineResponse(String sku, int quantity) {
	}

}
