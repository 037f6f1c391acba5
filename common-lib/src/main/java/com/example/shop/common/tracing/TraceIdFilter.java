package com.example.shop.common.tracing;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Puts {@value TraceIds#HEADER} on every response of a servlet service. Runs right after
 * Spring's {@link ServerHttpObservationFilter}, which starts the request's span, and sets
 * the header before the chain goes on, so that it is there whoever writes the answer (a
 * controller, Spring Security, a filter refusing the request, the container's error
 * dispatch). It also runs for error dispatches, which catch requests the container
 * refused before any filter ran (a {@code TRACE}): those get the caller's trace id from
 * {@code traceparent} if there is one ({@link TraceIds}).
 */
public class TraceIdFilter extends OncePerRequestFilter {

	/**
	 * The trace id of a request: the span of its observation, else its
	 * {@code traceparent}.
	 * @param request the request
	 * @return the trace id, or {@code null} when the request belongs to no trace
	 */
	public static @Nullable String traceId(HttpServletRequest request) {
		String traceId = ServerHttpObservationFilter.findObservationContext(request).map(TraceIds::of).orElse(null);
		return (traceId != null) ? traceId : TraceIds.fromTraceparent(request.getHeader(TraceIds.TRACEPARENT));
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String traceId = traceId(request);
		if (traceId != null && !response.containsHeader(TraceIds.HEADER)) {
			response.setHeader(TraceIds.HEADER, traceId);
		}
		chain.doFilter(request, response);
	}

}
