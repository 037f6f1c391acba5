package com.example.shop.inventory.reservation;

enum ReservationStatus {

	/** The stock of every line is taken. */
	RESERVED,

	/** The stock was given back; the reservation is kept so that repeats stay no-ops. */
	RELEASED

}
