package com.example.shop.order.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A read-only snapshot of an order, safe to hand to the web layer.
 *
 * @param id the order id
 * @param owner who placed it (the token subject)
 * @param status where it stands
 * @param lines what was ordered, in the order given
 * @param shortages why it was rejected (empty unless REJECTED)
 * @param createdAt when it was placed
 * @param updatedAt when it last changed
 */
public record OrderView(UUID id, String owner, OrderStatus status, List<Line> lines, List<Shortage> shortages,
		Instant createdAt, Instant updatedAt) {

	public OrderView {
		lines = List.copyOf(lines);
		shortages = List.copyOf(shortages);
	}

	/**
	 * An order line.
	 *
	 * @param sku the stock keeping unit
	 * @param quantity how many
	 */
	public record Line(String sku, int quantity) {
	}

	/**
	 * A line inventory could not reserve.
	 *
	 * @param sku the stock keeping unit
	 * @param requested how many the order asked for
	 * @param available how many inventory had
	 */
	public record Shortage(String sku, int requested, int available) {
	}

}
