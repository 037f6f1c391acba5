package com.example.shop.gateway.problem;

import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns every exception that reaches the top of the gateway into a problem: unknown paths
 * (404), unsupported methods (405), oversized bodies (413), services whose connection
 * breaks before their answer is complete (502), services that refuse the connection (503)
 * or answer too late (504). Once a byte of a service's answer is on its way to the client
 * nothing can be corrected: the connection is closed, so that the client sees a broken
 * answer rather than a truncated one that looks whole. Being an
 * {@link ErrorWebExceptionHandler}, it replaces Spring Boot's default handler and its
 * error JSON; the order only matters for the framework's own
 * {@code WebExceptionHandler}s, which it runs before.
 */
@Component
@Order(-2)
class GatewayErrorWebExceptionHandler implements ErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(GatewayErrorWebExceptionHandler.class);

	/** Headers of a service answer that may already sit on the response and would lie. */
	private static final List<String> BODY_HEADERS = List.of(HttpHeaders.CONTENT_LENGTH, HttpHeaders.CONTENT_TYPE,
			HttpHeaders.CONTENT_ENCODING, HttpHeaders.TRANSFER_ENCODING);

	private final ProblemResponses problems;

	GatewayErrorWebExceptionHandler(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			// Part of a service's answer is already on the wire: nothing left to correct.
			return Mono.error(ex);
		}
		HttpStatusCode status = ProblemResponses.statusOf(ex);
		log(exchange, status, ex);
		HttpHeaders headers = response.getHeaders();
		BODY_HEADERS.forEach(headers::remove);
		// The service's status line and headers arrived but its body broke before the
		// first byte went out: none of its headers belong on the gateway's problem.
		Set<String> serviceHeaders = exchange.getAttributeOrDefault(ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES,
				Set.of());
		serviceHeaders.forEach(headers::remove);
		if (ex instanceof ErrorResponse errorResponse) {
			// Such as Allow on a 405.
			headers.addAll(errorResponse.getHeaders());
		}
		return this.problems.write(exchange, status, ProblemResponses.detailFor(status));
	}

	private static void log(ServerWebExchange exchange, HttpStatusCode status, Throwable ex) {
		if (status.value() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			logger.error(exchange.getLogPrefix() + "Unexpected gateway failure for "
					+ exchange.getRequest().getPath().value(), ex);
		}
		else if (status.is5xxServerError()) {
			logger.warn(exchange.getLogPrefix() + "Route " + routeId(exchange) + " failed with " + status.value() + ": "
					+ ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(exchange.getLogPrefix() + "Answered " + status.value() + ": " + ex);
		}
	}

	private static @Nullable String routeId(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : null;
	}

}
