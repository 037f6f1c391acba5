package com.example.shop.order.inventory;

import java.net.URI;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach inventory-service, and how hard to try.
 *
 * @param baseUrl where inventory-service answers (usually
 * {@code ${shop.services.inventory-url}})
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer; an order whose reservation takes
 * longer stays PENDING and is finished by the reconciler. With the connect timeout, the
 * time limit of every single attempt (there is no separate time limiter)
 * @param registrationId the OAuth2 client registration whose client-credentials token is
 * sent to inventory (never the caller's token)
 * @param retry how the idempotent calls (reservation, release, token request) are
 * repeated after a transient failure
 * @param circuitBreaker when calls to inventory stop being sent at all
 * @param bulkhead how many calls to inventory may be under way at once
 */
@Validated
@ConfigurationProperties("orders.inventory")
record InventoryClientProperties(@NotNull URI baseUrl, @DefaultValue("1s") Duration connectTimeout,
		@DefaultValue("2s") Duration readTimeout, @DefaultValue("inventory") @NotBlank String registrationId,
		@DefaultValue @Valid RetrySettings retry, @DefaultValue @Valid CircuitBreakerSettings circuitBreaker,
		@DefaultValue @Valid BulkheadSettings bulkhead) {

	/**
	 * Retry with exponential backoff and jitter. Only answers 5xx and I/O errors other
	 * than timeouts are retried: a timeout has already used up the whole time limit.
	 *
	 * @param maxAttempts attempts in all, the first one included (1 switches retries off)
	 * @param initialWait the wait before the second attempt
	 * @param multiplier how much longer each further wait is
	 * @param randomizationFactor how far each wait is randomized either way (0.5: between
	 * half and one and a half times the wait), so that many clients do not retry in step
	 * @param maxWait the longest wait between two attempts
	 */
	record RetrySettings(@DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
			@DefaultValue("100ms") @DurationMin(millis = 1) Duration initialWait,
			@DefaultValue("2") @DecimalMin("1.0") double multiplier,
			@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax(value = "1.0",
					inclusive = false) double randomizationFactor,
			@DefaultValue("1s") @DurationMin(millis = 1) Duration maxWait) {

	}

	/**
	 * The circuit breaker in front of inventory. Failures are answers 5xx, timeouts and
	 * connection errors; a shortage (409) and other client errors (4xx) are answers like
	 * any other and never open it.
	 *
	 * @param slidingWindowType whether the window holds the last calls
	 * ({@code count-based}) or the calls of the last seconds ({@code time-based})
	 * @param slidingWindowSize calls (count-based) or seconds (time-based) in the window
	 * @param minimumNumberOfCalls calls needed in the window before any rate is computed
	 * @param failureRateThreshold percentage of failed calls that opens the circuit
	 * @param slowCallDurationThreshold a call that takes longer is slow (even if it
	 * succeeds)
	 * @param slowCallRateThreshold percentage of slow calls that opens the circuit
	 * @param waitDurationInOpenState how long an open circuit refuses every call before
	 * it lets probes through (half-open)
	 * @param permittedCallsInHalfOpenState probes let through when half-open; their
	 * outcome closes the circuit or opens it again
	 */
	record CircuitBreakerSettings(@DefaultValue("count-based") SlidingWindowType slidingWindowType,
			@DefaultValue("20") @Min(1) int slidingWindowSize, @DefaultValue("10") @Min(1) int minimumNumberOfCalls,
			@DefaultValue("50") @DecimalMin(value = "0.0",
					inclusive = false) @DecimalMax("100.0") float failureRateThreshold,
			@DefaultValue("1500ms") @DurationMin(millis = 1) Duration slowCallDurationThreshold,
			@DefaultValue("100") @DecimalMin(value = "0.0",
					inclusive = false) @DecimalMax("100.0") float slowCallRateThreshold,
			@DefaultValue("10s") @DurationMin(millis = 1) Duration waitDurationInOpenState,
			@DefaultValue("3") @Min(1) int permittedCallsInHalfOpenState) {

	}

	/**
	 * A semaphore bulkhead: it keeps a slow inventory from holding every request thread
	 * of this service.
	 *
	 * @param maxConcurrentCalls calls to inventory under way at once (also the size of
	 * the HTTP connection pool per host)
	 * @param maxWaitDuration how long a call waits for a free place before it is refused
	 * (the order then stays PENDING)
	 */
	record BulkheadSettings(@DefaultValue("20") @Min(1) @Max(1000) int maxConcurrentCalls,
			@DefaultValue("2s") @DurationMin(millis = 0) Duration maxWaitDuration) {

	}

}
