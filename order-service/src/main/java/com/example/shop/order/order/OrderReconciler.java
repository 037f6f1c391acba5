package com.example.shop.order.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.example.shop.order.inventory.InventoryClient;
import com.example.shop.order.inventory.ReservationLine;
import com.example.shop.order.order.OrderStore.Candidate;

/**
 * Finishes what a placing request or a cancel could not: asks inventory again for every
 * order left PENDING (moving it to CONFIRMED or REJECTED), and releases the stock of
 * orders that were cancelled while a reservation may still have been on its way.
 * <p>
 * Every instance of the service runs it. Two of them never handle the same order at the
 * same time: an order is claimed by an update checked against the version that was read
 * (works the same on PostgreSQL and H2, and holds no lock while inventory is called), and
 * a claimed order is not looked at again before the minimum age has passed. Should a
 * claim still overlap a slow call, nothing breaks: inventory's reservation is idempotent
 * per order id.
 * <p>
 * While inventory's circuit breaker is open a pass does nothing at all, so that a dead
 * inventory is not asked again and again, and no order is claimed for an attempt that
 * cannot be made.
 */
@Component
@ConditionalOnBooleanProperty(name = "orders.reconciler.enabled", matchIfMissing = true)
class OrderReconciler {

	private static final Logger logger = LoggerFactory.getLogger(OrderReconciler.class);

	private final OrderStore store;

	private final InventoryClient inventory;

	private final OrderProperties.Reconciler settings;

	private final OrderTracing tracing;

	private final OrderMetrics metrics;

	OrderReconciler(OrderStore store, InventoryClient inventory, OrderProperties properties, OrderTracing tracing,
			OrderMetrics metrics) {
		this.store = store;
		this.inventory = inventory;
		this.settings = properties.reconciler();
		this.tracing = tracing;
		this.metrics = metrics;
	}

	@Scheduled(fixedDelayString = "${orders.reconciler.interval:" + OrderProperties.DEFAULT_INTERVAL + "}",
			initialDelayString = "${orders.reconciler.interval:" + OrderProperties.DEFAULT_INTERVAL + "}")
	void reconcile() {
		if (!this.inventory.acceptsCalls()) {
			// Inventory is known to be down (its circuit is open): every call would be
			// refused anyway. The circuit turns half-open by itself after a while, and
			// the next pass sends the probes.
			logger.debug("Inventory's circuit is open; skipping this pass");
			return;
		}
		Instant cutoff = this.store.now().minus(this.settings.minAge());
		// Each attempt in a span of its own, in the trace of the request that placed the
		// order (OrderTracing).
		for (Candidate candidate : this.store.pendingSince(cutoff, this.settings.batchSize())) {
			this.tracing.attempt("reserve", candidate.id(), candidate.placedIn(), () -> reserve(candidate));
		}
		for (Candidate candidate : this.store.awaitingReleaseSince(cutoff, this.settings.batchSize())) {
			this.tracing.attempt("release", candidate.id(), candidate.placedIn(), () -> release(candidate));
		}
	}

	private void reserve(Candidate candidate) {
		try {
			Optional<List<ReservationLine>> lines = this.store.claimReservation(candidate);
			if (lines.isPresent()) {
				OrderView order = this.store.recordOutcome(candidate.id(),
						this.inventory.reserve(candidate.id(), lines.get()));
				if (order.status() == OrderStatus.PENDING) {
					logger.info("Order {} is still PENDING: inventory gave no answer; next try after {}", order.id(),
							this.settings.minAge());
				}
				else {
					// CONFIRMED or REJECTED (counted); CANCELLED if it was cancelled
					// meanwhile, which counted when it happened.
					this.metrics.settled(order.status());
					logger.info("Reconciled order {}: {}", order.id(), order.status());
				}
			}
		}
		catch (OptimisticLockingFailureException ex) {
			logger.debug("Order {} was handled elsewhere meanwhile", candidate.id());
		}
		catch (RuntimeException ex) {
			// One bad order must not stop the others; it is tried again next pass.
			logger.warn("Could not reconcile order {}", candidate.id(), ex);
		}
	}

	private void release(Candidate candidate) {
		try {
			Optional<Long> claimedVersion = this.store.claimRelease(candidate);
			if (claimedVersion.isPresent() && this.inventory.release(candidate.id())) {
				this.store.markReleased(candidate.id(), claimedVersion.get());
				logger.info("Released the stock of cancelled order {}", candidate.id());
			}
		}
		catch (OptimisticLockingFailureException ex) {
			logger.debug("Order {} was handled elsewhere meanwhile", candidate.id());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release the stock of order {}", candidate.id(), ex);
		}
	}

}
