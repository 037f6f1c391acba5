package com.example.shop.order.order;

/**
 * Where an order stands.
 */
public enum OrderStatus {

	/**
	 * Accepted and stored; inventory has not (yet) answered the reservation. The
	 * reconciler finishes it.
	 */
	PENDING,

	/** Inventory reserved every line. */
	CONFIRMED,

	/** Inventory reserved nothing because stock was short. Final. */
	REJECTED,

	/** Cancelled by its owner; its reservation is (or is being) given back. Final. */
	CANCELLED

}
