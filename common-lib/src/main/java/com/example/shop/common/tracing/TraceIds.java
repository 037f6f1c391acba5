package com.example.shop.common.tracing;

import java.util.regex.Pattern;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.jspecify.annotations.Nullable;

/**
 * The trace id a response names, in the header {@value #HEADER} and in the
 * {@value #PROBLEM_MEMBER} member of a problem: always 32 lower-case hex digits, the W3C
 * form Zipkin and the logs ({@code [app,traceId-spanId]}, or the {@code traceId} member
 * of a JSON log line) show.
 * <p>
 * It is read from the observation of the HTTP request, which the tracing handler gave a
 * span, rather than from the tracer's current span: the observation is still at hand in
 * an error dispatch, in a security handler or while the response is committed, where no
 * span is in scope any more.
 * <p>
 * A request refused before the service observed it (Tomcat's own refusals, a malformed
 * request line) has no span of the service. It is then named by the trace of the caller
 * if the request carried a valid W3C {@code traceparent} header (the gateway sends one
 * with every request it forwards): that is the trace the refusal belongs to. Otherwise no
 * trace id is given at all, rather than one that no span and no log line carries.
 */
public final class TraceIds {

	/** The response header with the trace id. */
	public static final String HEADER = "X-Trace-Id";

	/** The member of a problem body with the trace id. */
	public static final String PROBLEM_MEMBER = "traceId";

	/** The W3C trace context request header. */
	public static final String TRACEPARENT = "traceparent";

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern TRACEPARENT_VALUE = Pattern
		.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

	private static final String INVALID = "0".repeat(32);

	private TraceIds() {
	}

	/**
	 * The trace id of the span the tracing handler attached to an observation.
	 * @param context the observation's context, or {@code null}
	 * @return the trace id, or {@code null} when the observation has no span (tracing is
	 * off)
	 */
	public static @Nullable String of(Observation.@Nullable Context context) {
		if (context == null) {
			return null;
		}
		TracingContext tracing = context.get(TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		return (span != null) ? valid(span.context().traceId()) : null;
	}

	/**
	 * The trace id of a W3C {@code traceparent} header.
	 * @param traceparent the header's value, or {@code null}
	 * @return the trace id, or {@code null} when the header is absent or not valid
	 */
	public static @Nullable String fromTraceparent(@Nullable String traceparent) {
		if (traceparent == null) {
			return null;
		}
		var matcher = TRACEPARENT_VALUE.matcher(traceparent.trim());
		return matcher.matches() ? valid(matcher.group(1)) : null;
	}

	private static @Nullable String valid(@Nullable String traceId) {
		return (traceId != null && TRACE_ID.matcher(traceId).matches() && !INVALID.equals(traceId)) ? traceId : null;
	}

}
