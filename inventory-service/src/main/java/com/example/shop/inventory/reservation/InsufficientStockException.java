package com.example.shop.inventory.reservation;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

import com.example.shop.common.problem.ProblemException;

/**
 * Some lines of a reservation cannot be served. Thrown inside the reservation's
 * transaction, so that stock already taken for the other lines is rolled back; the answer
 * is a 409 problem that names every short line in {@code shortages}.
 */
class InsufficientStockException extends ProblemException {

	static final String TYPE = "insufficient-stock";

	private final List<Shortage> shortages;

	InsufficientStockException(List<Shortage> shortages) {
		super(HttpStatus.CONFLICT, TYPE, "Insufficient stock", "Not enough stock for "
				+ shortages.stream().map(Shortage::sku).collect(Collectors.joining(", ")) + "; nothing was reserved.");
		this.shortages = List.copyOf(shortages);
		with("shortages", this.shortages);
	}

	List<Shortage> getShortages() {
		return this.shortages;
	}

	/**
	 * A line that cannot be served.
	 *
	 * @param sku the item
	 * @param requested how many were asked for
	 * @param available how many are available (0 for an unknown item)
	 */
	record Shortage(String sku, int requested, int available) {

	}

}
