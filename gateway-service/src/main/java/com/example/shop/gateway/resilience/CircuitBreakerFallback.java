package com.example.shop.gateway.resilience;

import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import com.example.shop.gateway.problem.ProblemResponses;

/**
 * The {@code fallbackUri} of every route's circuit breaker ({@code forward:/fallback}):
 * the gateway forwards here, in-process, each call of a route that failed or was not
 * made. A route whose breaker is open, that exceeded its time limit, or whose service
 * refused the connection gets a 503 problem with {@code Retry-After}: the service is
 * unavailable for now, and the client may try again later (an order with the same
 * {@code Idempotency-Key}). Every other failure keeps the answer the gateway gives
 * without a breaker (502 for a broken connection, 504 for a response timeout, ...): it is
 * passed on to the gateway's error handler unchanged.
 * <p>
 * Nothing is retried here: the request that failed is never sent again.
 */
@RestController
class CircuitBreakerFallback {

	/** Path of the fallback, as the routes' {@code fallbackUri} names it. */
	static final String PATH = "/fallback";

	private static final Log logger = LogFactory.getLog(CircuitBreakerFallback.class);

	private final ProblemResponses problems;

	private final String retryAfter;

	CircuitBreakerFallback(ProblemResponses problems, CircuitBreakerProperties properties) {
		this.problems = problems;
		this.retryAfter = Long.toString(properties.retryAfterSeconds());
	}

	@RequestMapping(PATH)
	Mono<Void> answer(ServerWebExchange exchange) {
		Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		if (failure == null) {
			// Called directly rather than forwarded by a breaker: there is nothing here.
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		String detail = unavailableDetail(failure);
		if (detail == null) {
			return Mono.error(failure);
		}
		if (failure instanceof CallNotPermittedException) {
			// The breaker's opening was logged once; every call it refuses need not be.
			logger.debug(exchange.getLogPrefix() + "Route " + routeId(exchange) + " refused: " + failure);
		}
		else {
			logger.warn(exchange.getLogPrefix() + "Route " + routeId(exchange) + " unavailable: " + failure);
		}
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, this.retryAfter);
		return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, detail);
	}

	private static @Nullable String unavailableDetail(Throwable failure) {
		if (failure instanceof CallNotPermittedException) {
			return "The service behind this route is failing, so the gateway does not call it for a while; "
					+ "retry after the time in the Retry-After header.";
		}
		if (failure instanceof TimeoutException) {
			return "The service behind this route did not answer within its time limit; "
					+ "retry after the time in the Retry-After header.";
		}
		if (ProblemResponses.statusOf(failure).value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			return "The service behind this route is not reachable; retry after the time in the Retry-After header.";
		}
		return null;
	}

	private static @Nullable String routeId(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : null;
	}

}
