package com.example.shop.order.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import com.example.shop.order.inventory.InventoryClient;
import com.example.shop.order.inventory.ReservationLine;
import com.example.shop.order.inventory.ReservationResult;
import com.example.shop.order.order.OrderStore.Candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The reconciler leaves inventory alone while inventory's circuit is open, and resumes
 * once calls are let through again.
 */
class OrderReconcilerTests {

	private final OrderStore store = mock(OrderStore.class);

	private final InventoryClient inventory = mock(InventoryClient.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final OrderReconciler reconciler = new OrderReconciler(this.store, this.inventory,
			new OrderProperties(50,
					new OrderProperties.Reconciler(true, Duration.ofSeconds(5), Duration.ofSeconds(10), 50)),
			new OrderTracing(Tracer.NOOP), new OrderMetrics(this.meters, this.store, Clock.systemUTC()));

	@Test
	void skipsItsPassWhileInventoryRefusesEveryCall() {
		given(this.inventory.acceptsCalls()).willReturn(false);

		this.reconciler.reconcile();

		// Not even an order claimed: there is nothing it could do with it.
		verifyNoInteractions(this.store);
		then(this.inventory).should().acceptsCalls();
		then(this.inventory).shouldHaveNoMoreInteractions();
	}

	@Test
	void reservesPendingOrdersAgainOnceInventoryAcceptsCalls() {
		UUID id = UUID.randomUUID();
		List<ReservationLine> lines = List.of(new ReservationLine("A-1", 1));
		Candidate candidate = new Candidate(id, 3);
		given(this.inventory.acceptsCalls()).willReturn(true);
		Instant now = Instant.parse("2030-01-01T12:00:00Z");
		given(this.store.now()).willReturn(now);
		given(this.store.pendingSince(now.minusSeconds(10), 50)).willReturn(List.of(candidate));
		given(this.store.claimReservation(candidate)).willReturn(Optional.of(lines));
		given(this.inventory.reserve(id, lines)).willReturn(new ReservationResult.Reserved());
		given(this.store.recordOutcome(id, new ReservationResult.Reserved()))
			.willReturn(new OrderView(id, "client-a", OrderStatus.CONFIRMED, List.of(), List.of(), now, now));

		this.reconciler.reconcile();

		then(this.inventory).should().reserve(id, lines);
		then(this.store).should().recordOutcome(id, new ReservationResult.Reserved());
		assertThat(this.meters.get("shop.orders").tags("outcome", "confirmed", "via", "reconciler").counter().count())
			.isEqualTo(1);
	}

}
