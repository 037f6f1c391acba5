package com.example.shop.order.order;

import java.util.UUID;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Ties an order's later life to the trace of the request that placed it. The placing
 * request's trace context is stored with the order ({@link #current()}); each reconciler
 * attempt on the order then runs in a span of its own, named {@code reconcile reserve} or
 * {@code reconcile release} and tagged {@value #ORDER_ID_TAG}, that <em>continues</em>
 * that trace: a child of the span that placed the order ({@link #attempt}).
 * <p>
 * Why a child and not a span link: Micrometer Tracing's {@code Span.Builder.addLink} is
 * meant for exactly this (work caused by an earlier trace, done later), but the Brave
 * bridge, the one this system uses, records links only as tags ({@code links[0].traceId},
 * {@code links[0].spanId}), and Zipkin, which knows no links, does not connect them: the
 * attempt would be a trace of its own that a reader has to find by a tag query. As a
 * child, the attempt sits in the order's trace in Zipkin, and its log lines carry the
 * trace id that the placing request answered with in {@code X-Trace-Id}: one id finds the
 * whole story of an order. The price is a trace that may last minutes (until the attempt
 * that settles the order), which Zipkin shows as a long gap; the attempt's own span keeps
 * its real start and duration.
 * <p>
 * An order stored without a trace context (placed while tracing was off, or before the
 * columns existed) gets a new trace per attempt, still tagged with its id.
 */
@Component
class OrderTracing {

	/** The tag with the order id on every reconciler span. */
	static final String ORDER_ID_TAG = "order.id";

	private final Tracer tracer;

	OrderTracing(Tracer tracer) {
		this.tracer = tracer;
	}

	/**
	 * The trace context of the current request, to store with the order it places.
	 * @return the context, or {@code null} when the request is not traced or its trace is
	 * not recorded (sampled out)
	 */
	@Nullable PlacingTrace current() {
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return null;
		}
		TraceContext context = span.context();
		// Only a recorded trace is worth continuing; an unsampled one exists nowhere.
		return Boolean.TRUE.equals(context.sampled()) ? PlacingTrace.of(context.traceId(), context.spanId()) : null;
	}

	/**
	 * Runs one reconciler attempt on an order in a span of its own that continues the
	 * trace of the request that placed the order; the attempt's log lines carry its ids.
	 * @param task what the attempt does: {@code reserve} or {@code release}
	 * @param orderId the order
	 * @param placedIn the trace of the placing request, or {@code null}
	 * @param attempt the attempt
	 */
	void attempt(String task, UUID orderId, @Nullable PlacingTrace placedIn, Runnable attempt) {
		Span.Builder builder = this.tracer.spanBuilder()
			.name("reconcile " + task)
			.tag(ORDER_ID_TAG, orderId.toString());
		if (placedIn != null) {
			builder.setParent(this.tracer.traceContextBuilder()
				.traceId(placedIn.traceId())
				.spanId(placedIn.spanId())
				// Only a sampled trace is stored (current()): the attempt is recorded
				// with it.
				.sampled(true)
				.build());
		}
		else {
			builder.setNoParent();
		}
		Span span = builder.start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			attempt.run();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

}
