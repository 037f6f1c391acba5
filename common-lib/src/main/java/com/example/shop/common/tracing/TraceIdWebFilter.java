package com.example.shop.common.tracing;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Puts {@value TraceIds#HEADER} on every response of a reactive service (the gateway),
 * just before the response is committed: after a proxied service's headers were copied
 * onto it, so the header is set, not added, and the client sees one value, the gateway's
 * trace id (the same trace as the service's, which continues it). First of all filters,
 * so that answers a later filter ends (Spring Security, its firewall, a rate limit) get
 * it too.
 */
public class TraceIdWebFilter implements WebFilter, Ordered {

	/**
	 * The trace id of an exchange: the span of its observation (started by Spring WebFlux
	 * around the whole exchange), else its {@code traceparent}.
	 * @param exchange the exchange
	 * @return the trace id, or {@code null} when the request belongs to no trace
	 */
	public static @Nullable String traceId(ServerWebExchange exchange) {
		String traceId = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map(TraceIds::of)
			.orElse(null);
		return (traceId != null) ? traceId
				: TraceIds.fromTraceparent(exchange.getRequest().getHeaders().getFirst(TraceIds.TRACEPARENT));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			String traceId = traceId(exchange);
			if (traceId != null) {
				exchange.getResponse().getHeaders().set(TraceIds.HEADER, traceId);
			}
			else {
				// Never pass on a service's id for a trace the gateway is not part of.
				exchange.getResponse().getHeaders().remove(TraceIds.HEADER);
			}
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
