package com.example.shop.order.order;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.example.shop.common.problem.ProblemException;
import com.example.shop.order.inventory.InventoryClient;
import com.example.shop.order.inventory.ReservationLine;
import com.example.shop.order.inventory.ReservationResult;

/**
 * Places, reads and cancels orders.
 * <p>
 * Placing never loses an accepted order: it is committed as PENDING before inventory is
 * asked, so whatever happens to that call (timeout, crash, garbage) the order exists and
 * the {@link OrderReconciler} finishes it.
 */
@Service
public class OrderService {

	private static final Logger logger = LoggerFactory.getLogger(OrderService.class);

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

	private static final int MAX_CANCEL_TRIES = 3;

	/** What a client that could not cancel because inventory is down is told to wait. */
	private static final Duration CANCEL_RETRY_AFTER = Duration.ofSeconds(5);

	private final OrderStore store;

	private final InventoryClient inventory;

	private final OrderTracing tracing;

	private final OrderMetrics metrics;

	OrderService(OrderStore store, InventoryClient inventory, OrderTracing tracing, OrderMetrics metrics) {
		this.store = store;
		this.inventory = inventory;
		this.tracing = tracing;
		this.metrics = metrics;
	}

	/**
	 * Places an order, or returns the order this owner already placed with this
	 * Idempotency-Key and the same lines.
	 * @param owner who places it
	 * @param idempotencyKey the client's key for this order
	 * @param lines what to order (validated by the caller)
	 * @return the order: CONFIRMED, REJECTED, or PENDING when inventory gave no answer
	 * @throws IdempotencyKeyReusedException if the key was used for different lines
	 */
	public OrderView place(String owner, String idempotencyKey, List<OrderView.Line> lines) {
		String requestHash = RequestFingerprint.of(lines);
		Optional<OrderView> inserted = this.store.insertPending(owner, idempotencyKey, requestHash, lines,
				this.tracing.current());
		if (inserted.isEmpty()) {
			// This key was used before (or by a concurrent request that won the
			// insert): answer with that order.
			return replay(owner, idempotencyKey, requestHash).orElseThrow(() -> new IllegalStateException(
					"Idempotency-Key " + idempotencyKey + " is taken but its order cannot be read"));
		}
		OrderView pending = inserted.get();
		ReservationResult result = this.metrics.timeReservation(() -> this.inventory.reserve(pending.id(),
				lines.stream().map((line) -> new ReservationLine(line.sku(), line.quantity())).toList()));
		OrderView placed;
		try {
			placed = this.store.recordOutcome(pending, result);
		}
		catch (OptimisticLockingFailureException ex) {
			// Someone else (a cancel, a reconciler) changed the order meanwhile; the
			// reservation is idempotent, so the reconciler can settle it later.
			logger.info("Order {} changed while its reservation was answered; leaving it to the reconciler",
					pending.id());
			placed = this.store.find(pending.id(), new Caller(owner, false)).orElse(pending);
		}
		// Counted once per order: a replay (above) is the same order again.
		this.metrics.placed(placed.status());
		return placed;
	}

	private Optional<OrderView> replay(String owner, String idempotencyKey, String requestHash) {
		return this.store.findByIdempotencyKey(owner, idempotencyKey).map((stored) -> {
			if (!stored.requestHash().equals(requestHash)) {
				throw new IdempotencyKeyReusedException(idempotencyKey);
			}
			return stored.order();
		});
	}

	/**
	 * One order the caller may see.
	 * @param id the order id
	 * @param caller who asks
	 * @return the order
	 * @throws OrderNotFoundException if it does not exist or is not the caller's
	 */
	public OrderView get(UUID id, Caller caller) {
		return this.store.find(id, caller).orElseThrow(() -> new OrderNotFoundException(id));
	}

	/**
	 * The orders the caller may see, newest first.
	 * @param caller who asks
	 * @param page the page number, from 0
	 * @param size the page size
	 * @return the page
	 */
	public Page<OrderView> list(Caller caller, int page, int size) {
		return this.store.list(caller, PageRequest.of(page, size, NEWEST_FIRST));
	}

	/**
	 * Cancels one of the caller's orders.
	 * <p>
	 * A CONFIRMED order holds stock: it is released first and the order is only marked
	 * CANCELLED once inventory confirmed; if inventory cannot be reached the order stays
	 * CONFIRMED and the caller gets a 503 to retry, so a cancelled order never keeps
	 * stock that nobody will release. A PENDING order is cancelled at once and flagged:
	 * the reconciler releases whatever reservation may land for it later (a reservation
	 * still in flight could arrive after any release sent now), and a PENDING order
	 * usually means inventory is unreachable anyway.
	 * @param id the order id
	 * @param caller who asks (only the owner may cancel)
	 * @return the cancelled order
	 */
	public OrderView cancel(UUID id, Caller caller) {
		for (int tries = 0; tries < MAX_CANCEL_TRIES; tries++) {
			OrderView order = this.store.find(id, new Caller(caller.owner(), false))
				.orElseThrow(() -> new OrderNotFoundException(id));
			Optional<OrderView> cancelled = switch (order.status()) {
				case CANCELLED -> Optional.of(order);
				case REJECTED -> throw new OrderNotCancellableException(id, order.status());
				case PENDING -> tryCancel(id, caller.owner(), OrderStatus.PENDING, true);
				case CONFIRMED -> {
					if (!this.inventory.release(id)) {
						throw new InventoryUnavailableException(id, CANCEL_RETRY_AFTER);
					}
					yield tryCancel(id, caller.owner(), OrderStatus.CONFIRMED, false);
				}
			};
			if (cancelled.isPresent()) {
				if (order.status() != OrderStatus.CANCELLED) {
					this.metrics.cancelled();
				}
				return cancelled.get();
			}
		}
		throw new ProblemException(HttpStatus.CONFLICT, "conflict", "Order is changing",
				"Order " + id + " changed while it was being cancelled. Try again.");
	}

	private Optional<OrderView> tryCancel(UUID id, String owner, OrderStatus expected, boolean stockMayBeHeld) {
		try {
			return this.store.cancel(id, owner, expected, stockMayBeHeld);
		}
		catch (OptimisticLockingFailureException ex) {
			return Optional.empty();
		}
	}

}
