package com.example.shop.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;

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
 * (404), unsupported methods (405), oversized bodies (413), services that refuse the
 * connection (503) or answer too late (504). Being an {@link ErrorWebExceptionHandler},
 * it replaces Spring Boot's default handler and its error JSON; the order only matters
 * for the framework's own {@code WebExceptionHandler}s, which it runs before.
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
		HttpStatusCode status = statusOf(ex);
		log(exchange, status, ex);
		HttpHeaders headers = response.getHeaders();
		BODY_HEADERS.forEach(headers::remove);
		if (ex instanceof ErrorResponse errorResponse) {
			// Such as Allow on a 405.
			headers.addAll(errorResponse.getHeaders());
		}
		return this.problems.write(exchange, status, ProblemResponses.detailFor(status));
	}

	static HttpStatusCode statusOf(Throwable ex) {
		if (hasCause(ex, ConnectException.class) || hasCause(ex, UnknownHostException.class)) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (ex instanceof ErrorResponse errorResponse) {
			return errorResponse.getStatusCode();
		}
		if (hasCause(ex, IOException.class)) {
			// The connection to the service broke mid-answer (reactor-netty's
			// PrematureCloseException and friends).
			return HttpStatus.BAD_GATEWAY;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		// Bounded: a cause chain can, rarely, loop.
		Throwable candidate = ex;
		for (int depth = 0; candidate != null && depth < 16; depth++) {
			if (type.isInstance(candidate)) {
				return true;
			}
			candidate = candidate.getCause();
		}
		return false;
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
