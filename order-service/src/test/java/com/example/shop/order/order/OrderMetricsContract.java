package com.example.shop.order.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.order.inventory.ReservationResult;
import com.example.shop.order.order.OrderStore.Candidate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciler's backlog as the gauges read it from the order store, on every database
 * the service runs on: the subclasses run it on H2 in PostgreSQL mode (the local default)
 * and on PostgreSQL, each schema made by the Flyway migrations. Every store call commits,
 * as in the running service; the clock is the test's, so ages are exact.
 * <p>
 * {@code @Transactional} is repeated here because the transaction of a test method is
 * looked up on the class that declares the method.
 */
@Import({ OrderStore.class, OrderMetricsContract.TestClock.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class OrderMetricsContract {

	private static final Instant START = Instant.parse("2030-01-01T12:00:00Z");

	@Autowired
	private OrderStore store;

	@Autowired
	private OrderRepository orders;

	@Autowired
	private MutableClock clock;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeEach
	void noOrders() {
		this.orders.deleteAllInBatch();
		this.clock.set(START);
	}

	@Test
	void followsTheBacklogAsOrdersArePlacedSettledAndCancelled() {
		new OrderMetrics(this.meters, this.store, this.clock, Duration.ZERO);
		assertThat(backlog("reserve")).isZero();
		assertThat(backlog("release")).isZero();
		assertThat(oldestPendingAge()).isZero();

		OrderView first = pending();
		this.clock.advance(Duration.ofSeconds(10));
		OrderView second = pending();
		this.clock.advance(Duration.ofMillis(20_500));
		assertThat(backlog("reserve")).isEqualTo(2);
		assertThat(oldestPendingAge()).isEqualTo(30.5);

		this.store.recordOutcome(first, new ReservationResult.Reserved());
		assertThat(backlog("reserve")).isEqualTo(1);
		assertThat(oldestPendingAge()).isEqualTo(20.5);

		// Cancelled while PENDING: a reservation may still land, so its stock awaits
		// release.
		this.store.cancel(second.id(), second.owner(), OrderStatus.PENDING, true).orElseThrow();
		assertThat(backlog("reserve")).isZero();
		assertThat(backlog("release")).isEqualTo(1);
		assertThat(oldestPendingAge()).isZero();

		long claimed = this.store.claimRelease(candidate(second.id())).orElseThrow();
		this.store.markReleased(second.id(), claimed);
		assertThat(backlog("release")).isZero();
	}

	@Test
	void readsTheStoreAgainOnlyAfterTheCachePeriod() {
		new OrderMetrics(this.meters, this.store, this.clock, Duration.ofSeconds(5));
		pending();
		assertThat(backlog("reserve")).isEqualTo(1);

		pending();
		this.clock.advance(Duration.ofSeconds(4));
		// Still the first read; the age moves on with the clock all the same.
		assertThat(backlog("reserve")).isEqualTo(1);
		assertThat(oldestPendingAge()).isEqualTo(4);

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(backlog("reserve")).isEqualTo(2);
	}

	private double backlog(String task) {
		return this.meters.get("shop.reconciler.backlog").tag("task", task).gauge().value();
	}

	private double oldestPendingAge() {
		return this.meters.get("shop.orders.pending.oldest.age").gauge().value();
	}

	private OrderView pending() {
		return this.store
			.insertPending("client-a", "key-" + UUID.randomUUID(), "hash", List.of(new OrderView.Line("A-1", 1)))
			.orElseThrow();
	}

	private Candidate candidate(UUID id) {
		return Candidate.of(this.orders.findById(id).orElseThrow());
	}

	/**
	 * A clock the test moves by hand.
	 */
	static final class MutableClock extends Clock {

		private volatile Instant now = START;

		void set(Instant instant) {
			this.now = instant;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		MutableClock clock() {
			return new MutableClock();
		}

	}

}
