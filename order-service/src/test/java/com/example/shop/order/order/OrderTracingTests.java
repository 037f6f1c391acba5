package com.example.shop.order.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.sampler.Sampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.shop.order.inventory.InventoryClient;
import com.example.shop.order.inventory.ReservationLine;
import com.example.shop.order.inventory.ReservationResult;
import com.example.shop.order.order.OrderStore.Candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Each reconciler attempt runs in a span of its own, tagged with the order id, that
 * continues the trace of the request that placed the order, with the real tracer of the
 * services (Brave, through Micrometer Tracing's bridge) recording into memory.
 */
class OrderTracingTests {

	private static final String PLACING_TRACE = "0af7651916cd43dd8448eb211c80319c";

	private static final String PLACING_SPAN = "b7ad6b7169203331";

	private final List<MutableSpan> finished = new CopyOnWriteArrayList<>();

	private final Tracing tracing = Tracing.newBuilder()
		.traceId128Bit(true)
		.sampler(Sampler.ALWAYS_SAMPLE)
		.currentTraceContext(ThreadLocalCurrentTraceContext.create())
		.addSpanHandler(new SpanHandler() {

			@Override
			public boolean end(brave.propagation.TraceContext context, MutableSpan span, Cause cause) {
				OrderTracingTests.this.finished.add(span);
				return true;
			}

		})
		.build();

	private final Tracer tracer = new BraveTracer(this.tracing.tracer(),
			new BraveCurrentTraceContext(this.tracing.currentTraceContext()), new BraveBaggageManager());

	private final OrderStore store = mock(OrderStore.class);

	private final InventoryClient inventory = mock(InventoryClient.class);

	private final OrderReconciler reconciler = new OrderReconciler(this.store, this.inventory,
			new OrderProperties(50,
					new OrderProperties.Reconciler(true, Duration.ofSeconds(5), Duration.ofSeconds(10), 50)),
			new OrderTracing(this.tracer), new OrderMetrics(new SimpleMeterRegistry(), this.store, Clock.systemUTC()));

	@AfterEach
	void closeTracing() {
		this.tracing.close();
	}

	@Test
	void aReconcilerAttemptContinuesTheTraceOfThePlacingRequest() {
		UUID id = UUID.randomUUID();
		List<String> traceSeenByInventoryCall = new CopyOnWriteArrayList<>();
		pending(new Candidate(id, 3, new PlacingTrace(PLACING_TRACE, PLACING_SPAN)), traceSeenByInventoryCall);

		this.reconciler.reconcile();

		assertThat(this.finished).singleElement().satisfies((span) -> {
			assertThat(span.name()).isEqualTo("reconcile reserve");
			assertThat(span.traceId()).isEqualTo(PLACING_TRACE);
			assertThat(span.parentId()).isEqualTo(PLACING_SPAN);
			assertThat(span.id()).isNotEqualTo(PLACING_SPAN);
			assertThat(span.tags()).containsEntry(OrderTracing.ORDER_ID_TAG, id.toString());
		});
		// The call to inventory (and its log lines) ran inside that span.
		assertThat(traceSeenByInventoryCall).containsExactly(PLACING_TRACE);
	}

	@Test
	void anOrderPlacedOutsideATraceGetsANewTraceForEachAttempt() {
		UUID id = UUID.randomUUID();
		pending(new Candidate(id, 3), new CopyOnWriteArrayList<>());

		this.reconciler.reconcile();

		assertThat(this.finished).singleElement().satisfies((span) -> {
			assertThat(span.parentId()).isNull();
			assertThat(span.traceId()).hasSize(32).isNotEqualTo(PLACING_TRACE);
			assertThat(span.tags()).containsEntry(OrderTracing.ORDER_ID_TAG, id.toString());
		});
	}

	@Test
	void storesTheTraceOfASampledRequestOnly() {
		OrderTracing orderTracing = new OrderTracing(this.tracer);
		Span request = this.tracer.nextSpan().name("http post /api/orders").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(request)) {
			assertThat(orderTracing.current())
				.isEqualTo(new PlacingTrace(request.context().traceId(), request.context().spanId()));
		}
		finally {
			request.end();
		}
		assertThat(orderTracing.current()).isNull();
		assertThat(new OrderTracing(Tracer.NOOP).current()).isNull();
	}

	private void pending(Candidate candidate, List<String> traceSeen) {
		List<ReservationLine> lines = List.of(new ReservationLine("A-1", 1));
		given(this.inventory.acceptsCalls()).willReturn(true);
		Instant now = Instant.parse("2030-01-01T12:00:00Z");
		given(this.store.now()).willReturn(now);
		given(this.store.pendingSince(now.minusSeconds(10), 50)).willReturn(List.of(candidate));
		given(this.store.claimReservation(candidate)).willReturn(Optional.of(lines));
		given(this.inventory.reserve(candidate.id(), lines)).willAnswer((invocation) -> {
			traceSeen.add(this.tracer.currentSpan().context().traceId());
			return new ReservationResult.Reserved();
		});
		given(this.store.recordOutcome(candidate.id(), new ReservationResult.Reserved())).willReturn(
				new OrderView(candidate.id(), "client-a", OrderStatus.CONFIRMED, List.of(), List.of(), now, now));
	}

}
