package com.example.shop.inventory.reservation;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
// Every answer is JSON: a caller that accepts none of it gets a 406 before stock is
// reserved or released, not after.
@RequestMapping(path = "/api/inventory/reservations", produces = MediaType.APPLICATION_JSON_VALUE)
class ReservationController {

	private final ReservationService reservations;

	ReservationController(ReservationService reservations) {
		this.reservations = reservations;
	}

	/**
	 * Reserves all lines or none: 201 when this request reserved them, 200 with the
	 * stored reservation when the order id was seen before with the same lines, 422 when
	 * it was seen with other lines, 409 when any line is short.
	 * @param request the order id and its lines
	 * @return the reservation
	 */
	@PostMapping
	ResponseEntity<ReservationResponse> reserve(@Valid @RequestBody ReservationRequest request) {
		ReservationService.Reserved reserved = this.reservations.reserve(request.orderId(), request.lines());
		if (reserved.created()) {
			return ResponseEntity.created(URI.create("/api/inventory/reservations/" + request.orderId()))
				.body(reserved.reservation());
		}
		return ResponseEntity.ok(reserved.reservation());
	}

	@GetMapping("/{orderId}")
	ReservationResponse reservation(@PathVariable UUID orderId) {
		return this.reservations.get(orderId);
	}

	/**
	 * Gives the reserved stock back. Idempotent: 204 whether or not anything was
	 * reserved, so that a caller can retry safely.
	 * @param orderId the order
	 * @return 204
	 */
	@DeleteMapping("/{orderId}")
	ResponseEntity<Void> release(@PathVariable UUID orderId) {
		this.reservations.release(orderId);
		return ResponseEntity.noContent().build();
	}

}
