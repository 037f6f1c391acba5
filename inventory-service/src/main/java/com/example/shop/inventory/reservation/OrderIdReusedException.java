package com.example.shop.inventory.reservation;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.example.shop.common.problem.ProblemException;

/**
 * A reservation was requested again for an order id that already has one, with other
 * lines. The order id is the idempotency key of a reservation: a repeat with the same
 * lines is answered with the stored reservation, a repeat with other lines is a client
 * error and changes nothing (422 {@code order-id-reused}).
 */
class OrderIdReusedException extends ProblemException {

	static final String TYPE = "order-id-reused";

	OrderIdReusedException(UUID orderId) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, TYPE, "Order id reused", "Order " + orderId
				+ " already has a reservation with other lines; nothing was changed. Use a new order id for a new order.");
		with("orderId", orderId);
	}

}
