package com.example.shop.order.order;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The trace context of the request that placed an order, stored with the order (columns
 * {@code trace_id}, {@code span_id}) so that the reconciler's later attempts continue
 * that trace ({@link OrderTracing}).
 *
 * @param traceId the W3C trace id, 32 lower-case hex digits
 * @param spanId the id of the span that placed the order, 16 lower-case hex digits
 */
record PlacingTrace(String traceId, String spanId) {

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

	/**
	 * The stored ids as a trace context, if both are there and well formed.
	 * @param traceId the stored trace id, or {@code null}
	 * @param spanId the stored span id, or {@code null}
	 * @return the trace, or {@code null} when the order was placed outside a trace
	 */
	static @Nullable PlacingTrace of(@Nullable String traceId, @Nullable String spanId) {
		if (traceId == null || spanId == null || !TRACE_ID.matcher(traceId).matches()
				|| !SPAN_ID.matcher(spanId).matches() || traceId.chars().allMatch((c) -> c == '0')
				|| spanId.chars().allMatch((c) -> c == '0')) {
			return null;
		}
		return new PlacingTrace(traceId, spanId);
	}

}
