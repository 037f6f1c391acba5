package com.example.shop.inventory.reservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.inventory.item.Stock;

/**
 * Reserves and releases stock, all or nothing and at most once per order id.
 * <p>
 * Locks are always taken in the same order, so that concurrent reservations and releases
 * cannot deadlock: first the reservation header (by order id), then the item rows in SKU
 * order.
 */
@Service
class ReservationService {

	private final ReservationRepository reservations;

	private final Stock stock;

	private final Counter stockouts;

	ReservationService(ReservationRepository reservations, Stock stock, MeterRegistry meters) {
		this.reservations = reservations;
		this.stock = stock;
		// No label: a SKU or an order id would make a series per item or per order.
		// Which SKUs ran short is in the 409 answer and in order-service's order.
		this.stockouts = Counter.builder("shop.inventory.stockouts")
			.description("Reservations refused because some line was short of stock (nothing was reserved)")
			.register(meters);
	}

	/**
	 * Reserves every line or none. A repeated order id (even one that arrives while the
	 * first request is still running) with the same lines gets the stored reservation and
	 * takes no stock. Lines are the same when they ask for the same quantity of each SKU,
	 * after a SKU listed twice is added up, in whatever order they are listed.
	 * @param orderId the order, the idempotency key
	 * @param requested the requested lines
	 * @return the reservation and whether this call created it
	 * @throws InsufficientStockException when any line is short; nothing is then reserved
	 * @throws OrderIdReusedException when the order id already has a reservation with
	 * other lines; nothing is then changed
	 */
	@Transactional
	Reserved reserve(UUID orderId, List<ReservationRequest.Line> requested) {
		List<ReservationLine> lines = merge(requested);
		if (this.reservations.insertIfAbsent(orderId, Instant.now()) == 0) {
			Reservation stored = find(orderId);
			if (!stored.hasLines(lines)) {
				throw new OrderIdReusedException(orderId);
			}
			return new Reserved(ReservationResponse.of(stored), false);
		}
		List<InsufficientStockException.Shortage> shortages = new ArrayList<>();
		for (ReservationLine line : lines) {
			// Every line is tried, even after a short one, so that the answer names every
			// short SKU; the rollback undoes the lines that were taken.
			if (!this.stock.take(line.sku(), line.quantity())) {
				shortages.add(new InsufficientStockException.Shortage(line.sku(), line.quantity(),
						this.stock.available(line.sku())));
			}
		}
		if (!shortages.isEmpty()) {
			this.stockouts.increment();
			throw new InsufficientStockException(shortages);
		}
		Reservation reservation = find(orderId);
		reservation.addLines(lines);
		return new Reserved(ReservationResponse.of(reservation), true);
	}

	@Transactional(readOnly = true)
	ReservationResponse get(UUID orderId) {
		return ReservationResponse.of(find(orderId));
	}

	/**
	 * Gives the stock of a reservation back, once: an unknown or already released order
	 * id changes nothing.
	 * @param orderId the order
	 */
	@Transactional
	void release(UUID orderId) {
		this.reservations.findForUpdate(orderId).ifPresent((reservation) -> {
			if (reservation.release(Instant.now())) {
				reservation.getLines().forEach((line) -> this.stock.giveBack(line.sku(), line.quantity()));
			}
		});
	}

	private Reservation find(UUID orderId) {
		return this.reservations.findById(orderId).orElseThrow(() -> new ReservationNotFoundException(orderId));
	}

	/**
	 * One line per SKU, in SKU order: the order in which item rows are locked.
	 */
	private static List<ReservationLine> merge(List<ReservationRequest.Line> requested) {
		Map<String, Integer> quantities = new TreeMap<>();
		requested.forEach((line) -> quantities.merge(line.sku(), line.quantity(), Integer::sum));
		return quantities.entrySet()
			.stream()
			.map((entry) -> new ReservationLine(entry.getKey(), entry.getValue()))
			.toList();
	}

	record Reserved(ReservationResponse reservation, boolean created) {

	}

}
