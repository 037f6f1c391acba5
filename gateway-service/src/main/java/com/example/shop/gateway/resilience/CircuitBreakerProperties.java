package com.example.shop.gateway.resilience;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The circuit breaker every route has, and its time limit. The defaults are in the
 * gateway's {@code application.yml}, the operated values in
 * {@code config-repo/gateway-service.yml}.
 *
 * @param slidingWindowSize how many of the latest calls of a route the failure rate is
 * computed over
 * @param minimumNumberOfCalls how many calls a window needs before the breaker may open
 * @param failureRateThreshold percentage of failed calls (refused or broken connections,
 * time limit exceeded) at or above which the breaker opens
 * @param waitInOpenState how long an open breaker answers 503 at once before it lets
 * trial calls through; also the {@code Retry-After} of those answers
 * @param callsInHalfOpenState how many trial calls decide whether the breaker closes
 * again
 * @param timeLimit how long a route may take to answer when {@code timeLimits} names no
 * limit of its own
 * @param timeLimits time limits by route id
 */
@Validated
@ConfigurationProperties("shop.gateway.circuit-breaker")
record CircuitBreakerProperties(@Min(1) int slidingWindowSize, @Min(1) int minimumNumberOfCalls,
		@DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
		@NotNull @DurationMin(seconds = 1) Duration waitInOpenState, @Min(1) int callsInHalfOpenState,
		@NotNull @DurationMin(millis = 1) Duration timeLimit, @DefaultValue Map<String, Duration> timeLimits) {

	/**
	 * The time limit of a route.
	 * @param routeId the route (and breaker) id
	 * @return its own limit, or the default one
	 */
	Duration timeLimitOf(String routeId) {
		return this.timeLimits.getOrDefault(routeId, this.timeLimit);
	}

	/**
	 * These settings with the time limits of others.
	 * @param other where the time limits come from
	 * @return a copy with {@code other}'s {@code timeLimit} and {@code timeLimits}
	 */
	CircuitBreakerProperties withTimeLimitsOf(CircuitBreakerProperties other) {
		return new CircuitBreakerProperties(this.slidingWindowSize, this.minimumNumberOfCalls,
				this.failureRateThreshold, this.waitInOpenState, this.callsInHalfOpenState, other.timeLimit,
				other.timeLimits);
	}

	/**
	 * Whole seconds a client should wait before it retries a route whose breaker refused
	 * it.
	 * @return the wait in open state, rounded up to a second
	 */
	long retryAfterSeconds() {
		return Math.max(1, (this.waitInOpenState.toMillis() + 999) / 1000);
	}

}
