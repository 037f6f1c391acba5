package com.example.shop.order.inventory;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import com.example.shop.order.inventory.InventoryWire.Line;
import com.example.shop.order.inventory.InventoryWire.ReservationRequest;
import com.example.shop.order.inventory.InventoryWire.ReservationResponse;
import com.example.shop.order.inventory.InventoryWire.ShortageLine;
import com.example.shop.order.inventory.InventoryWire.ShortageProblem;

/**
 * {@link InventoryClient} over inventory-service's HTTP API. The {@link RestClient} it is
 * given carries the base URL, the timeouts and the service's own bearer token; every call
 * runs through {@link InventoryCalls} (retry, circuit breaker, bulkhead).
 */
class RestInventoryClient implements InventoryClient {

	private static final Logger logger = LoggerFactory.getLogger(RestInventoryClient.class);

	static final String RESERVATIONS = "/api/inventory/reservations";

	private final RestClient restClient;

	private final InventoryCalls calls;

	RestInventoryClient(RestClient restClient, InventoryCalls calls) {
		this.restClient = restClient;
		this.calls = calls;
	}

	@Override
	public ReservationResult reserve(UUID orderId, List<ReservationLine> lines) {
		ReservationRequest request = new ReservationRequest(orderId,
				lines.stream().map((line) -> new Line(line.sku(), line.quantity())).toList());
		try {
			return this.calls.run(() -> requestReservation(orderId, request));
		}
		catch (RuntimeException ex) {
			// Timeouts, refused connections, 5xx, unreadable bodies, an open circuit, a
			// full bulkhead and a token that could not be obtained all mean the same to
			// an order: the outcome is unknown, so it stays PENDING and the reconciler
			// asks again.
			return unavailable(orderId, InventoryFailures.describe(ex));
		}
	}

	private ReservationResult requestReservation(UUID orderId, ReservationRequest request) {
		return this.restClient.post()
			.uri(RESERVATIONS)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
			.body(request)
			.exchange((clientRequest, response) -> {
				HttpStatusCode status = response.getStatusCode();
				if (status.is2xxSuccessful()) {
					return reserved(orderId, response.bodyTo(ReservationResponse.class));
				}
				if (status.value() == HttpStatus.CONFLICT.value()) {
					return rejected(orderId, response.bodyTo(ShortageProblem.class));
				}
				if (status.is5xxServerError()) {
					// Thrown, so that the circuit breaker counts it and the retry
					// repeats it.
					throw response.createException();
				}
				// Any other 4xx (401/403: this service's token or scope; 400/422: a
				// request
				// inventory refuses, such as an order id it knows with other lines) is an
				// answer, not an outage: neither retried nor counted by the circuit
				// breaker.
				// No stock is taken, and no order is given up because of a setting or a
				// defect that an operator can fix: the order stays PENDING, the
				// reconciler
				// asks again every min-age, and the log says so loudly.
				return refused(orderId, status);
			});
	}

	@Override
	public boolean release(UUID orderId) {
		try {
			HttpStatusCode status = this.calls.run(() -> requestRelease(orderId));
			if (status.is2xxSuccessful()) {
				return true;
			}
			logger.warn("Inventory answered {} when releasing the reservation of order {}", status.value(), orderId);
			return false;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release the reservation of order {}: {}", orderId, InventoryFailures.describe(ex));
			return false;
		}
	}

	private HttpStatusCode requestRelease(UUID orderId) {
		return this.restClient.delete()
			.uri(RESERVATIONS + "/{orderId}", orderId)
			.exchange((clientRequest, response) -> {
				if (response.getStatusCode().is5xxServerError()) {
					throw response.createException();
				}
				return response.getStatusCode();
			});
	}

	@Override
	public boolean acceptsCalls() {
		return this.calls.acceptsCalls();
	}

	private static ReservationResult reserved(UUID orderId, ReservationResponse body) {
		if (body == null || !"RESERVED".equals(body.status()) || !orderId.equals(body.orderId())) {
			// A 2xx that does not confirm this very order is not a confirmation.
			return unavailable(orderId, "inventory answered 2xx without confirming the reservation");
		}
		return new ReservationResult.Reserved();
	}

	private static ReservationResult rejected(UUID orderId, ShortageProblem problem) {
		// 409 is inventory's "nothing reserved, stock is short"; its body names the
		// lines.
		List<Shortage> shortages = (problem == null || problem.shortages() == null) ? List.of()
				: problem.shortages()
					.stream()
					.filter(Objects::nonNull)
					.filter((line) -> line.sku() != null)
					.map(RestInventoryClient::shortage)
					.toList();
		logger.info("Inventory rejected the reservation of order {}: {}", orderId, shortages);
		return new ReservationResult.Rejected(shortages);
	}

	private static Shortage shortage(ShortageLine line) {
		return new Shortage(Objects.requireNonNull(line.sku()), line.requested(), line.available());
	}

	private static ReservationResult refused(UUID orderId, HttpStatusCode status) {
		logger.error(
				"Inventory refused the reservation of order {} with {}; the order stays PENDING until this is fixed",
				orderId, status.value());
		return new ReservationResult.Unavailable("inventory refused the reservation with " + status.value());
	}

	private static ReservationResult unavailable(UUID orderId, String reason) {
		logger.warn("Reservation of order {} not settled: {}", orderId, reason);
		return new ReservationResult.Unavailable(reason);
	}

}
