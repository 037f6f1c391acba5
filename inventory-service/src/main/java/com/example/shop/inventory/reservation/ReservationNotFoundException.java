package com.example.shop.inventory.reservation;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.example.shop.common.problem.ProblemException;

class ReservationNotFoundException extends ProblemException {

	ReservationNotFoundException(UUID orderId) {
		super(HttpStatus.NOT_FOUND, "not-found", "Not found", "No reservation exists for order " + orderId + ".");
	}

}
