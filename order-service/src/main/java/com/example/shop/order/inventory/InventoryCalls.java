package com.example.shop.order.inventory;

import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;

/**
 * Runs every call to inventory-service the same way: a retry (exponential backoff with
 * jitter, only for transient failures) around the circuit breaker, which holds the
 * bulkhead around the call itself. Each attempt therefore asks the circuit breaker and
 * the bulkhead anew, and an attempt they refuse ends at once, without a request and
 * without another attempt. The HTTP client's connect and read timeouts bound every
 * attempt.
 * <p>
 * Only idempotent calls may be run here: a reservation is idempotent per order id, a
 * release too.
 * <p>
 * The Resilience4j instances are looked up by name on every call, never kept: a refresh
 * of {@code orders.inventory.*} replaces them in their registries
 * ({@link InventoryResilienceConfiguration#replaceChanged}), and the next call uses the
 * new ones.
 */
final class InventoryCalls {

	/**
	 * The name of the circuit breaker, bulkhead and retry of these calls (also in metrics
	 * and health).
	 */
	static final String INVENTORY = "inventory";

	private final CircuitBreaker circuitBreaker;

	private final CircuitBreakerRegistry circuitBreakers;

	private final RetryRegistry retries;

	/**
	 * @param circuitBreaker Spring Cloud CircuitBreaker's circuit breaker with its
	 * bulkhead (it looks both up in their registries on every call)
	 * @param circuitBreakers the registry of the Resilience4j circuit breaker behind it
	 * @param retries the registry of the retry around both
	 */
	InventoryCalls(CircuitBreaker circuitBreaker, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
		this.circuitBreaker = circuitBreaker;
		this.circuitBreakers = circuitBreakers;
		this.retries = retries;
	}

	/**
	 * Runs an idempotent call.
	 * @param call the call, which throws for an answer 5xx
	 * @return what the call returned
	 * @throws RuntimeException the failure of the last attempt, possibly wrapped by
	 * Spring Cloud CircuitBreaker ({@link InventoryFailures#unwrap})
	 */
	<T> T run(Supplier<T> call) {
		return this.retries.retry(INVENTORY).executeSupplier(() -> this.circuitBreaker.run(call));
	}

	/**
	 * Whether a call would be sent now: not while the circuit is open.
	 */
	boolean acceptsCalls() {
		State current = this.circuitBreakers.circuitBreaker(INVENTORY).getState();
		return current != State.OPEN && current != State.FORCED_OPEN;
	}

}
