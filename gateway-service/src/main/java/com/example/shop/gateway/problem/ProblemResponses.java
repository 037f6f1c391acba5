package com.example.shop.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

import com.example.shop.common.problem.ProblemTypes;
import com.example.shop.common.tracing.TraceIdWebFilter;
import com.example.shop.common.tracing.TraceIds;

/**
 * Writes the problem bodies the gateway answers with itself, in the same shape as the
 * servlet services' (type, title, status, detail, instance), so that a client cannot tell
 * whether the gateway or a service refused it, and with the same {@code traceId} member:
 * the trace id of the exchange, which the {@code X-Trace-Id} header names too.
 */
@Component
public final class ProblemResponses {

	static final String NOSNIFF_HEADER = "X-Content-Type-Options";

	/**
	 * What Spring Security writes on every answer (SecurityConfiguration), for the
	 * answers written where it does not run.
	 */
	static final Map<String, String> SECURITY_HEADERS = Map.of(NOSNIFF_HEADER, "nosniff", "X-Frame-Options", "DENY",
			HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate", "Referrer-Policy",
			"no-referrer");

	private final JsonMapper jsonMapper;

	ProblemResponses(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Answers the exchange with a problem whose type follows from the status.
	 * @param exchange the exchange to answer
	 * @param status the status
	 * @param detail the explanation, safe to show a client
	 * @return completes when the body is written
	 */
	public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
		return write(exchange.getResponse(), exchange, status, detail);
	}

	/**
	 * Answers on the given response, which may be a decorator of the exchange's.
	 * @param response the response to write
	 * @param exchange the exchange it answers: the instance and the trace id
	 * @param status the status
	 * @param detail the explanation, safe to show a client
	 * @return completes when the body is written
	 */
	Mono<Void> write(ServerHttpResponse response, ServerWebExchange exchange, HttpStatusCode status, String detail) {
		byte[] body = body(status, detail, exchange.getRequest().getPath().value(), TraceIdWebFilter.traceId(exchange));
		response.setStatusCode(status);
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.setContentLength(body.length);
		// Also on answers that never reach Spring Security's header writer (the
		// firewall's rejections: a TRACE, an encoded slash): the same security headers,
		// where nothing set them already.
		SECURITY_HEADERS.forEach((name, value) -> {
			if (!headers.containsHeader(name)) {
				headers.set(name, value);
			}
		});
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

	/**
	 * The JSON of a problem, for answers written below Spring's HTTP layer.
	 * @param status the status
	 * @param detail the explanation, safe to show a client
	 * @param instance the request path, or {@code null} when there is none to name
	 * @return the UTF-8 bytes of the problem
	 */
	byte[] body(HttpStatusCode status, String detail, @Nullable String instance) {
		return body(status, detail, instance, null);
	}

	/**
	 * The JSON of a problem.
	 * @param status the status
	 * @param detail the explanation, safe to show a client
	 * @param instance the request path, or {@code null} when there is none to name
	 * @param traceId the trace of the request ({@code X-Trace-Id}), or {@code null} when
	 * it belongs to none
	 * @return the UTF-8 bytes of the problem
	 */
	byte[] body(HttpStatusCode status, String detail, @Nullable String instance, @Nullable String traceId) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", typeFor(status));
		problem.put("title", titleFor(status));
		problem.put("status", status.value());
		problem.put("detail", detail);
		if (instance != null) {
			problem.put("instance", instance);
		}
		if (traceId != null) {
			problem.put(TraceIds.PROBLEM_MEMBER, traceId);
		}
		return this.jsonMapper.writeValueAsBytes(problem);
	}

	private static String typeFor(HttpStatusCode status) {
		// Netty refuses a request line or header block that is too long itself; for the
		// client that is a request the gateway could not read.
		if (status.value() == HttpStatus.URI_TOO_LONG.value()
				|| status.value() == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value()) {
			return ProblemTypes.MALFORMED_REQUEST.toString();
		}
		return ProblemTypes.forStatus(status).toString();
	}

	/**
	 * The status the gateway answers with when routing a request failed with this
	 * exception: 503 when the service refused the connection or has no address, the
	 * exception's own status when it carries one (413, 504, ...), 502 when the connection
	 * to the service broke before its answer was complete, 500 otherwise.
	 * @param ex the failure
	 * @return the status
	 */
	public static HttpStatusCode statusOf(Throwable ex) {
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

	private static String titleFor(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	/**
	 * A detail text for a status, for failures that carry no text of their own that is
	 * safe to show (exception messages may name hosts, classes or timeouts).
	 * @param status the status
	 * @return the detail
	 */
	static String detailFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "The request is malformed or was rejected by the gateway.";
			case 401 -> "A valid bearer token is required: it is missing, expired or invalid.";
			case 403 -> "The token does not grant the scope this operation needs.";
			case 404 -> "No route or resource matches this path.";
			case 405 -> "This method is not supported for this path.";
			case 406 -> "No acceptable representation is available.";
			case 413 -> "The request body is larger than the gateway accepts for this route.";
			case 414 -> "The request line is longer than the gateway accepts.";
			case 415 -> "This content type is not supported for this path.";
			case 429 -> "Too many requests from this client; retry after the time in the Retry-After header.";
			case 431 -> "The request headers are larger than the gateway accepts.";
			case 502 -> "The service behind this route answered with an invalid or broken response.";
			case 503 -> "The service behind this route is not reachable; retry later.";
			case 504 -> "The service behind this route did not answer in time.";
			default -> (status.is5xxServerError()) ? "The gateway could not process the request."
					: "The gateway rejected the request.";
		};
	}

}
