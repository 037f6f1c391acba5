package com.example.shop.order.order;

import org.springframework.http.HttpStatus;

import com.example.shop.common.problem.ProblemException;

/**
 * The caller sent a different order under an Idempotency-Key it already used.
 */
public class IdempotencyKeyReusedException extends ProblemException {

	public IdempotencyKeyReusedException(String idempotencyKey) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
				"The Idempotency-Key '" + idempotencyKey
						+ "' was already used for a different order; use a new key for a new order.");
	}

}
