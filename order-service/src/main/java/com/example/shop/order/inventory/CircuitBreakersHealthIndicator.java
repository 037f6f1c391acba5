package com.example.shop.order.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code circuitBreakers} component of {@code /actuator/health}: the state and the
 * current rates of every circuit breaker (details for the ops scope only, like every
 * component).
 * <p>
 * An open circuit shows as {@code CIRCUIT_OPEN}, a half-open one as
 * {@code CIRCUIT_HALF_OPEN}: statuses the overall health does not count, so the service
 * stays UP (and ready) while inventory is down. It still takes orders then, and answers
 * them with 202 PENDING; restarting it or taking it out of the load balancer would help
 * nobody.
 */
class CircuitBreakersHealthIndicator extends AbstractHealthIndicator {

	static final Status CIRCUIT_OPEN = new Status("CIRCUIT_OPEN");

	static final Status CIRCUIT_HALF_OPEN = new Status("CIRCUIT_HALF_OPEN");

	private final CircuitBreakerRegistry circuitBreakers;

	CircuitBreakersHealthIndicator(CircuitBreakerRegistry circuitBreakers) {
		this.circuitBreakers = circuitBreakers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Status status = Status.UP;
		for (CircuitBreaker circuitBreaker : this.circuitBreakers.getAllCircuitBreakers()) {
			builder.withDetail(circuitBreaker.getName(), details(circuitBreaker));
			Status own = status(circuitBreaker.getState());
			if (own == CIRCUIT_OPEN || (own == CIRCUIT_HALF_OPEN && status == Status.UP)) {
				status = own;
			}
		}
		builder.status(status);
	}

	private static Status status(CircuitBreaker.State state) {
		return switch (state) {
			case OPEN, FORCED_OPEN -> CIRCUIT_OPEN;
			case HALF_OPEN -> CIRCUIT_HALF_OPEN;
			default -> Status.UP;
		};
	}

	private static Map<String, Object> details(CircuitBreaker circuitBreaker) {
		CircuitBreaker.Metrics metrics = circuitBreaker.getMetrics();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", circuitBreaker.getState().name());
		// -1 until the window holds the minimum number of calls.
		details.put("failureRate", metrics.getFailureRate());
		details.put("failureRateThreshold", circuitBreaker.getCircuitBreakerConfig().getFailureRateThreshold());
		details.put("slowCallRate", metrics.getSlowCallRate());
		details.put("slowCallRateThreshold", circuitBreaker.getCircuitBreakerConfig().getSlowCallRateThreshold());
		details.put("bufferedCalls", metrics.getNumberOfBufferedCalls());
		details.put("failedCalls", metrics.getNumberOfFailedCalls());
		details.put("slowCalls", metrics.getNumberOfSlowCalls());
		details.put("notPermittedCalls", metrics.getNumberOfNotPermittedCalls());
		return details;
	}

}
