package com.example.shop.order.inventory;

import java.util.List;

/**
 * Outcome of a reservation request.
 */
public sealed interface ReservationResult {

	/**
	 * Inventory holds the stock of every line.
	 */
	record Reserved() implements ReservationResult {
	}

	/**
	 * Inventory reserved nothing because some lines are short.
	 *
	 * @param shortages every short line, as inventory named them (may be empty if its
	 * answer did not say)
	 */
	record Rejected(List<Shortage> shortages) implements ReservationResult {

		public Rejected {
			shortages = List.copyOf(shortages);
		}

	}

	/**
	 * Inventory could not be asked or gave no usable answer (timeout, connection error,
	 * 5xx, unreadable body, no token, open circuit, full bulkhead): the outcome is
	 * unknown and the call may be repeated.
	 *
	 * @param reason what went wrong, for logs
	 */
	record Unavailable(String reason) implements ReservationResult {
	}

}
