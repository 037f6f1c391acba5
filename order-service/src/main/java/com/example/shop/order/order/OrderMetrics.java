package com.example.shop.order.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.example.shop.order.inventory.ReservationResult;

/**
 * The business metrics of orders, all in one place (docs/observability.md lists them):
 * <ul>
 * <li>{@code shop_orders_total{outcome,via}}: orders placed, settled by the reconciler
 * and cancelled;</li>
 * <li>{@code shop_inventory_reservation_seconds{outcome}}: how long a placing request
 * waits for inventory's reservation, with the SLO buckets of the HTTP histograms;</li>
 * <li>{@code shop_reconciler_backlog{task}} and
 * {@code shop_orders_pending_oldest_age_seconds}: what the reconciler still has to do,
 * read from the order store.</li>
 * </ul>
 * No label ever carries an order id, a SKU or a client: every label has a handful of
 * values, so the number of series stays fixed whatever the traffic.
 * <p>
 * The gauges query the database, and Prometheus (or anyone reading
 * {@code /actuator/prometheus} or {@code /actuator/metrics}) may scrape often and from
 * several places: the answer is kept for {@link #CACHE_FOR}, so that scrapes cost at most
 * three small indexed queries per period. The age is computed at read time from the
 * cached creation time, so it keeps growing between two queries. Should the database be
 * down, the gauges read NaN (no sample) instead of failing the scrape.
 */
@Component
class OrderMetrics {

	/** How long a read of the backlog is reused. */
	static final Duration CACHE_FOR = Duration.ofSeconds(5);

	/** The SLO buckets, the same as those of the HTTP histograms (shop-common.yml). */
	static final Duration[] SLO_BUCKETS = { Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5) };

	private static final Logger logger = LoggerFactory.getLogger(OrderMetrics.class);

	private final MeterRegistry registry;

	private final OrderStore store;

	private final Clock clock;

	private final Duration cacheFor;

	private final Map<OrderStatus, Counter> placed = new EnumMap<>(OrderStatus.class);

	private final Map<OrderStatus, Counter> settled = new EnumMap<>(OrderStatus.class);

	private final Counter cancelled;

	private final Timer reserved;

	private final Timer rejected;

	private final Timer failed;

	private @Nullable Backlog backlog;

	private Instant backlogReadAt = Instant.MIN;

	@Autowired
	OrderMetrics(MeterRegistry registry, OrderStore store, Clock clock) {
		this(registry, store, clock, CACHE_FOR);
	}

	OrderMetrics(MeterRegistry registry, OrderStore store, Clock clock, Duration cacheFor) {
		this.registry = registry;
		this.store = store;
		this.clock = clock;
		this.cacheFor = cacheFor;
		// Every series exists from the start (at 0), so that rate() and increase()
		// see the first order too.
		for (OrderStatus status : new OrderStatus[] { OrderStatus.CONFIRMED, OrderStatus.REJECTED,
				OrderStatus.PENDING }) {
			this.placed.put(status, orders(status, "request"));
		}
		for (OrderStatus status : new OrderStatus[] { OrderStatus.CONFIRMED, OrderStatus.REJECTED }) {
			this.settled.put(status, orders(status, "reconciler"));
		}
		this.cancelled = orders(OrderStatus.CANCELLED, "request");
		this.reserved = reservation("reserved");
		this.rejected = reservation("rejected");
		this.failed = reservation("failed");
		backlog("reserve", Backlog::pending);
		backlog("release", Backlog::awaitingRelease);
		Gauge.builder("shop.orders.pending.oldest.age", this, OrderMetrics::oldestPendingAgeSeconds)
			.description("Age of the oldest PENDING order (0 when there is none)")
			.baseUnit("seconds")
			.register(registry);
	}

	/**
	 * A new order answered to the client that placed it: CONFIRMED, REJECTED or PENDING
	 * (inventory gave no answer).
	 */
	void placed(OrderStatus status) {
		// An order cancelled while its reservation was answered was PENDING when it was
		// placed; its cancellation counts on its own.
		this.placed.getOrDefault(status, this.placed.get(OrderStatus.PENDING)).increment();
	}

	/** The reconciler moved a PENDING order to CONFIRMED or REJECTED. */
	void settled(OrderStatus status) {
		Counter counter = this.settled.get(status);
		if (counter != null) {
			counter.increment();
		}
	}

	/** An order was cancelled (not a repeated cancel of a cancelled order). */
	void cancelled() {
		this.cancelled.increment();
	}

	/**
	 * Runs a placing request's reservation call, timed by its outcome.
	 */
	ReservationResult timeReservation(Supplier<ReservationResult> call) {
		long start = this.registry.config().clock().monotonicTime();
		ReservationResult result = call.get();
		Timer timer = (result instanceof ReservationResult.Reserved) ? this.reserved
				: (result instanceof ReservationResult.Rejected) ? this.rejected : this.failed;
		timer.record(Duration.ofNanos(this.registry.config().clock().monotonicTime() - start));
		return result;
	}

	private Counter orders(OrderStatus outcome, String via) {
		return Counter.builder("shop.orders")
			.description("Orders by outcome: placed (via request), settled by the reconciler (via reconciler), "
					+ "cancelled (via request)")
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.tag("via", via)
			.register(this.registry);
	}

	private Timer reservation(String outcome) {
		return Timer.builder("shop.inventory.reservation")
			.description("Time a placing request waits for inventory's reservation, retries included")
			.serviceLevelObjectives(SLO_BUCKETS)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private void backlog(String task, ToLongFunction<Backlog> value) {
		// One help text for the metric: Prometheus keeps one per name, not per series.
		Gauge.builder("shop.reconciler.backlog", this, (metrics) -> metrics.read(value))
			.description("Orders the reconciler has yet to handle, by task: reserve = PENDING orders, "
					+ "release = cancelled orders whose stock may still need releasing")
			.tag("task", task)
			.register(this.registry);
	}

	private double read(ToLongFunction<Backlog> value) {
		Backlog current = current();
		return (current != null) ? value.applyAsLong(current) : Double.NaN;
	}

	private double oldestPendingAgeSeconds() {
		Backlog current = current();
		if (current == null) {
			return Double.NaN;
		}
		if (current.oldestPending() == null) {
			return 0;
		}
		Duration age = Duration.between(current.oldestPending(), this.clock.instant());
		return Math.max(0, age.toNanos() / 1e9);
	}

	/**
	 * The backlog as last read, read again if older than {@link #cacheFor}; null if the
	 * database could not be read.
	 */
	private synchronized @Nullable Backlog current() {
		Instant now = this.clock.instant();
		if (!now.isBefore(this.backlogReadAt.plus(this.cacheFor))) {
			// A failed read is kept as long as a good one: while the database is down
			// (each read waiting for a connection), scrapes do not pile up on it.
			this.backlogReadAt = now;
			try {
				this.backlog = this.store.backlog();
			}
			catch (DataAccessException ex) {
				logger.debug("Could not read the reconciler's backlog", ex);
				this.backlog = null;
			}
		}
		return this.backlog;
	}

	/**
	 * What the reconciler has to do.
	 *
	 * @param pending how many orders are PENDING
	 * @param oldestPending when the oldest of them was placed, null if none is
	 * @param awaitingRelease how many cancelled orders may still hold stock
	 */
	record Backlog(long pending, @Nullable Instant oldestPending, long awaitingRelease) {
	}

}
