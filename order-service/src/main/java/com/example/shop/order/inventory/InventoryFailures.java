package com.example.shop.order.inventory;

import java.io.InterruptedIOException;

import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Which failures of a call to inventory (or to the token endpoint) count for the circuit
 * breaker and which are worth another attempt. One place, so that the circuit breaker,
 * both retries and the tests agree.
 * <ul>
 * <li>An answer 5xx, a timeout or a connection error is an outage: it counts as a
 * failure.</li>
 * <li>Of these, all but timeouts are retried: a timeout has used up the whole time limit
 * already, and a slow service needs less load, not more.</li>
 * <li>Everything else is not inventory being down: a shortage (409) or another 4xx is an
 * answer, and a call that was never sent (open circuit, full bulkhead, no token) or whose
 * answer could not be read is neither retried nor counted.</li>
 * </ul>
 */
final class InventoryFailures {

	private InventoryFailures() {
	}

	/**
	 * Inventory did not answer in time, could not be reached or answered 5xx.
	 */
	static boolean isOutage(Throwable failure) {
		Throwable cause = unwrap(failure);
		return isServerError(cause) || cause instanceof ResourceAccessException;
	}

	/**
	 * An outage that another attempt may well not meet: an answer 5xx or a connection
	 * error, not a timeout.
	 */
	static boolean isTransient(Throwable failure) {
		return isOutage(failure) && !isTimeout(unwrap(failure));
	}

	/**
	 * The token request failed transiently: auth-service answered 5xx or could not be
	 * reached (a timeout is not retried either).
	 */
	static boolean isTransientTokenFailure(Throwable failure) {
		return failure instanceof OAuth2AuthorizationException && failure.getCause() != null
				&& isTransient(failure.getCause());
	}

	/**
	 * The failure itself, without the wrapper Spring Cloud CircuitBreaker puts around an
	 * exception of a call that has no fallback.
	 */
	static Throwable unwrap(Throwable failure) {
		return (failure instanceof NoFallbackAvailableException && failure.getCause() != null) ? failure.getCause()
				: failure;
	}

	/**
	 * A short description for logs.
	 */
	static String describe(Throwable failure) {
		Throwable cause = unwrap(failure);
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	private static boolean isServerError(Throwable failure) {
		return failure instanceof RestClientResponseException response && response.getStatusCode().is5xxServerError();
	}

	private static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// Read and connect timeouts of Apache HttpClient and of java.net sockets are
			// SocketTimeoutExceptions; the JDK HttpClient has exceptions of its own.
			if (cause instanceof InterruptedIOException || cause instanceof java.net.http.HttpTimeoutException) {
				return true;
			}
		}
		return false;
	}

}
