package com.example.shop.order.order;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.example.shop.common.problem.ProblemException;

/**
 * The order does not exist or belongs to someone else: both answer 404, so that nobody
 * learns which ids exist.
 */
public class OrderNotFoundException extends ProblemException {

	public OrderNotFoundException(UUID id) {
		super(HttpStatus.NOT_FOUND, "not-found", "Order not found", "There is no order " + id + " for you.");
	}

}
