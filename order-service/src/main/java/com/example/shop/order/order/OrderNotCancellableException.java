package com.example.shop.order.order;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.example.shop.common.problem.ProblemException;

/**
 * The order is in a status that cannot be cancelled (REJECTED).
 */
public class OrderNotCancellableException extends ProblemException {

	public OrderNotCancellableException(UUID id, OrderStatus status) {
		super(HttpStatus.CONFLICT, "order-not-cancellable", "Order not cancellable",
				"Order " + id + " is " + status + " and cannot be cancelled.");
		with("orderId", id);
		with("status", status.name());
	}

}
