package com.example.shop.order.inventory;

import java.util.List;
import java.util.UUID;

/**
 * Reserves and releases the stock of an order in inventory-service. Both calls are
 * idempotent per order id on inventory's side, so callers (and the client itself, after a
 * transient failure) may repeat them freely; neither throws when inventory is slow, down
 * or answers nonsense: that is a result like any other.
 */
public interface InventoryClient {

	/**
	 * Reserves every line of an order, or none.
	 * @param orderId the order id, which is also the reservation's id
	 * @param lines the lines to reserve
	 * @return what inventory decided, or that it could not be asked
	 */
	ReservationResult reserve(UUID orderId, List<ReservationLine> lines);

	/**
	 * Gives the stock of an order back (nothing happens if it holds none).
	 * @param orderId the order id
	 * @return {@code true} once inventory confirmed that the order holds no stock any
	 * more, {@code false} if it could not be asked
	 */
	boolean release(UUID orderId);

	/**
	 * Whether calls are sent to inventory at all right now. While inventory is known to
	 * be down (the circuit breaker is open) every call is answered at once as
	 * unavailable, without a request; background work can skip its turn instead.
	 * @return {@code false} while calls are refused without being sent
	 */
	boolean acceptsCalls();

}
