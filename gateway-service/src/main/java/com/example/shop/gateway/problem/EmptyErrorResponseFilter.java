package com.example.shop.gateway.problem;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives a problem body to error responses that a filter ends without one instead of
 * throwing: Spring Security's firewall rejecting a non-normalised path such as
 * {@code /api/orders/../actuator/env} (it only sets 400), and built-in gateway filters
 * that complete the response themselves, such as {@code RequestSize} (413) or
 * {@code RequestRateLimiter} (429). Answers that carry a body, including every answer
 * proxied from a service, are left alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EmptyErrorResponseFilter implements WebFilter {

	private final ProblemResponses problems;

	EmptyErrorResponseFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ProblemOnEmptyError response = new ProblemOnEmptyError(exchange);
		return chain.filter(exchange.mutate().response(response).build()).then(Mono.defer(response::setComplete));
	}

	/**
	 * Completes an error response that has no body yet with a problem; covers filters
	 * that complete the response and those that only set the status and stop the chain.
	 */
	private final class ProblemOnEmptyError extends ServerHttpResponseDecorator {

		private final ServerWebExchange exchange;

		ProblemOnEmptyError(ServerWebExchange exchange) {
			super(exchange.getResponse());
			this.exchange = exchange;
		}

		@Override
		public Mono<Void> setComplete() {
			HttpStatusCode status = getStatusCode();
			if (status == null || !status.isError() || isCommitted() || getHeaders().getContentType() != null) {
				return super.setComplete();
			}
			return EmptyErrorResponseFilter.this.problems.write(getDelegate(), this.exchange, status,
					ProblemResponses.detailFor(status));
		}

	}

}
