package com.example.shop.order.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.order.inventory.ReservationLine;
import com.example.shop.order.inventory.ReservationResult;
import com.example.shop.order.inventory.Shortage;
import com.example.shop.order.order.OrderStore.Candidate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local default database: the Flyway migration and the JPA mapping on H2 in
 * PostgreSQL mode, and the store's claims, which keep two reconcilers apart there as they
 * do on PostgreSQL (where the flow tests run). Every store call commits, as in the
 * running service.
 */
@DataJpaTest(properties = "spring.datasource.url=jdbc:h2:mem:orders-store;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
		+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ OrderStore.class, OrderStoreH2Tests.SystemClock.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OrderStoreH2Tests {

	private static final Instant LATER = Instant.now().plus(Duration.ofHours(1));

	@Autowired
	private OrderStore store;

	@Test
	void storesAndReadsAnOrderWithItsLinesInOrder() {
		String owner = owner();
		OrderView placed = this.store
			.insertPending(owner, "key-1", "hash-1",
					List.of(new OrderView.Line("B-2", 2), new OrderView.Line("A-1", 1), new OrderView.Line("C-3", 3)))
			.orElseThrow();

		OrderView read = this.store.find(placed.id(), new Caller(owner, false)).orElseThrow();

		assertThat(read).isEqualTo(placed);
		assertThat(read.status()).isEqualTo(OrderStatus.PENDING);
		assertThat(read.lines()).extracting(OrderView.Line::sku).containsExactly("B-2", "A-1", "C-3");
		assertThat(this.store.find(placed.id(), new Caller(owner(), false))).isEmpty();
		assertThat(this.store.find(placed.id(), new Caller(owner(), true))).isPresent();
	}

	@Test
	void refusesASecondOrderWithTheSameIdempotencyKeyOfTheSameOwner() {
		String owner = owner();
		OrderView first = this.store.insertPending(owner, "key-1", "hash-1", List.of(new OrderView.Line("A-1", 1)))
			.orElseThrow();

		assertThat(this.store.insertPending(owner, "key-1", "hash-2", List.of(new OrderView.Line("B-2", 2)))).isEmpty();
		assertThat(this.store.findByIdempotencyKey(owner, "key-1").orElseThrow().order()).isEqualTo(first);
		assertThat(this.store.insertPending(owner(), "key-1", "hash-1", List.of(new OrderView.Line("A-1", 1))))
			.isPresent();
	}

	@Test
	void confirmsAnUnchangedOrderAsStored() {
		OrderView placed = pending();

		OrderView confirmed = this.store.recordOutcome(placed, new ReservationResult.Reserved());

		assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(this.store.find(placed.id(), new Caller(placed.owner(), false))).contains(confirmed);
		assertThat(this.store.recordOutcome(placed, new ReservationResult.Reserved())).isEqualTo(confirmed);
	}

	@Test
	void aReservationForAnOrderCancelledMeanwhileFlagsItsStockForRelease() {
		OrderView placed = pending();
		this.store.cancel(placed.id(), placed.owner(), OrderStatus.PENDING, false).orElseThrow();

		OrderView afterwards = this.store.recordOutcome(placed, new ReservationResult.Reserved());

		assertThat(afterwards.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(ids(this.store.awaitingReleaseSince(LATER, 1000))).contains(placed.id());
	}

	@Test
	void keepsTheShortagesOfARejectedOrder() {
		OrderView placed = pending();

		this.store.recordOutcome(placed.id(),
				new ReservationResult.Rejected(List.of(new Shortage("A-1", 5, 1), new Shortage("B-2", 2, 0))));

		OrderView rejected = this.store.find(placed.id(), new Caller(placed.owner(), false)).orElseThrow();
		assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(rejected.shortages()).containsExactlyInAnyOrder(new OrderView.Shortage("A-1", 5, 1),
				new OrderView.Shortage("B-2", 2, 0));
	}

	@Test
	void onlyOneOfTwoReconcilersThatSawTheSameOrderClaimsIt() {
		OrderView placed = pending();
		Candidate seenByBoth = candidate(placed.id());

		Optional<List<ReservationLine>> first = this.store.claimReservation(seenByBoth);
		Optional<List<ReservationLine>> second = this.store.claimReservation(seenByBoth);

		assertThat(first).contains(List.of(new ReservationLine("A-1", 1)));
		assertThat(second).isEmpty();
	}

	@Test
	void aClaimedOrderIsHiddenFromReconcilersUntilItIsOldEnoughAgain() {
		OrderView placed = pending();
		this.store.claimReservation(candidate(placed.id())).orElseThrow();

		assertThat(ids(this.store.pendingSince(Instant.now().minus(Duration.ofMinutes(1)), 1000)))
			.doesNotContain(placed.id());
		assertThat(ids(this.store.pendingSince(LATER, 1000))).contains(placed.id());
	}

	@Test
	void confirmedOrdersAreNoLongerCandidates() {
		OrderView placed = pending();
		Candidate seenWhilePending = candidate(placed.id());

		this.store.recordOutcome(placed.id(), new ReservationResult.Reserved());

		assertThat(ids(this.store.pendingSince(LATER, 1000))).doesNotContain(placed.id());
		assertThat(this.store.claimReservation(seenWhilePending)).isEmpty();
	}

	@Test
	void aCancelledPendingOrderAwaitsReleaseUntilInventoryConfirmedIt() {
		OrderView placed = pending();

		OrderView cancelled = this.store.cancel(placed.id(), placed.owner(), OrderStatus.PENDING, true).orElseThrow();

		assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(ids(this.store.pendingSince(LATER, 1000))).doesNotContain(placed.id());
		Candidate candidate = this.store.awaitingReleaseSince(LATER, 1000)
			.stream()
			.filter((seen) -> seen.id().equals(placed.id()))
			.findFirst()
			.orElseThrow();
		long claimed = this.store.claimRelease(candidate).orElseThrow();
		assertThat(this.store.claimRelease(candidate)).isEmpty();
		this.store.markReleased(placed.id(), claimed);
		assertThat(ids(this.store.awaitingReleaseSince(LATER, 1000))).doesNotContain(placed.id());
	}

	@Test
	void aReservationLandingDuringAReleaseKeepsTheOrderAwaitingRelease() {
		OrderView placed = pending();
		this.store.cancel(placed.id(), placed.owner(), OrderStatus.PENDING, true).orElseThrow();
		Candidate candidate = this.store.awaitingReleaseSince(LATER, 1000)
			.stream()
			.filter((seen) -> seen.id().equals(placed.id()))
			.findFirst()
			.orElseThrow();
		long claimed = this.store.claimRelease(candidate).orElseThrow();

		this.store.recordOutcome(placed.id(), new ReservationResult.Reserved());
		this.store.markReleased(placed.id(), claimed);

		assertThat(ids(this.store.awaitingReleaseSince(LATER, 1000))).contains(placed.id());
	}

	@Test
	void doesNotCancelAnOrderWhoseStatusChangedMeanwhile() {
		OrderView placed = pending();
		this.store.recordOutcome(placed.id(), new ReservationResult.Reserved());

		assertThat(this.store.cancel(placed.id(), placed.owner(), OrderStatus.PENDING, true)).isEmpty();
		assertThat(this.store.find(placed.id(), new Caller(placed.owner(), false)).orElseThrow().status())
			.isEqualTo(OrderStatus.CONFIRMED);
	}

	private OrderView pending() {
		return this.store.insertPending(owner(), "key-1", "hash-1", List.of(new OrderView.Line("A-1", 1)))
			.orElseThrow();
	}

	private Candidate candidate(UUID id) {
		return this.store.pendingSince(LATER, 1000)
			.stream()
			.filter((candidate) -> candidate.id().equals(id))
			.findFirst()
			.orElseThrow();
	}

	private static List<UUID> ids(List<Candidate> candidates) {
		return candidates.stream().map(Candidate::id).toList();
	}

	private static String owner() {
		return "owner-" + UUID.randomUUID();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SystemClock {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

}
