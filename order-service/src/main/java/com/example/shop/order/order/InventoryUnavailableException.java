package com.example.shop.order.order;

import java.time.Duration;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import com.example.shop.common.problem.ProblemException;

/**
 * Cancelling a confirmed order needs inventory to give its stock back, and inventory
 * could not be reached: the order is left unchanged and the client may simply retry.
 */
public class InventoryUnavailableException extends ProblemException {

	public InventoryUnavailableException(UUID id, Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Inventory unavailable", "The stock of order " + id
				+ " could not be given back right now, so the order is unchanged. Try again later.");
		with("orderId", id);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
	}

}
