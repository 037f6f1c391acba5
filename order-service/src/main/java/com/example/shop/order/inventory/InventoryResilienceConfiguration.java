package com.example.shop.order.inventory;

import java.util.function.Predicate;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.example.shop.order.inventory.InventoryClientProperties.BulkheadSettings;
import com.example.shop.order.inventory.InventoryClientProperties.CircuitBreakerSettings;
import com.example.shop.order.inventory.InventoryClientProperties.RetrySettings;

import static com.example.shop.order.inventory.InventoryCalls.INVENTORY;

/**
 * Resilience4j for the calls to inventory-service, through Spring Cloud CircuitBreaker.
 * <p>
 * Spring Cloud CircuitBreaker's auto-configuration builds its
 * {@link CircuitBreakerFactory} on the registries declared here (with a semaphore
 * bulkhead, on the caller's thread: see application.yml) and publishes their circuit
 * breaker and bulkhead metrics. The registries themselves, the retry metrics and the
 * health indicator would come from resilience4j-spring-boot3, which does not run on
 * Spring Boot 4; they are declared here instead, from the typed settings under
 * {@code orders.inventory}. Every instance is created at start, so that health and
 * metrics show it before the first call, and replaced when a refresh changes its settings
 * ({@link #replaceChanged}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryClientProperties.class)
class InventoryResilienceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(InventoryResilienceConfiguration.class);

	/** The retry of the client-credentials token request. */
	static final String TOKEN = "inventory-token";

	@Bean
	CircuitBreakerRegistry circuitBreakerRegistry(InventoryClientProperties properties) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
		CircuitBreakerConfig config = circuitBreakerConfig(properties.circuitBreaker());
		registry.addConfiguration(INVENTORY, config);
		logged(registry.circuitBreaker(INVENTORY, config));
		return registry;
	}

	@Bean
	BulkheadRegistry bulkheadRegistry(InventoryClientProperties properties) {
		BulkheadRegistry registry = BulkheadRegistry.ofDefaults();
		BulkheadConfig config = bulkheadConfig(properties.bulkhead());
		registry.addConfiguration(INVENTORY, config);
		registry.bulkhead(INVENTORY, config);
		return registry;
	}

	@Bean
	RetryRegistry retryRegistry(InventoryClientProperties properties) {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		logged(registry.retry(INVENTORY, retryConfig(INVENTORY, properties.retry())));
		logged(registry.retry(TOKEN, retryConfig(TOKEN, properties.retry())));
		return registry;
	}

	/**
	 * Puts new Resilience4j instances in the registries for the settings a refresh
	 * changed, and leaves the others alone: a changed circuit breaker starts closed with
	 * an empty window, a changed bulkhead with every place free (calls under way finish
	 * on the old one). {@link InventoryCalls} and Spring Cloud CircuitBreaker look the
	 * instances up by name on every call, and the metrics follow the replacement.
	 * @param before the settings in use
	 * @param after the new settings
	 * @param circuitBreakers the circuit breaker registry
	 * @param bulkheads the bulkhead registry
	 * @param retries the retry registry
	 */
	static void replaceChanged(InventoryClientProperties before, InventoryClientProperties after,
			CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads, RetryRegistry retries) {
		if (!after.circuitBreaker().equals(before.circuitBreaker())) {
			circuitBreakers.replace(INVENTORY,
					logged(CircuitBreaker.of(INVENTORY, circuitBreakerConfig(after.circuitBreaker()))));
			logger.info("Circuit breaker '{}' replaced: {}", INVENTORY, after.circuitBreaker());
		}
		if (!after.bulkhead().equals(before.bulkhead())) {
			bulkheads.replace(INVENTORY, Bulkhead.of(INVENTORY, bulkheadConfig(after.bulkhead())));
			logger.info("Bulkhead '{}' replaced: {}", INVENTORY, after.bulkhead());
		}
		if (!after.retry().equals(before.retry())) {
			retries.replace(INVENTORY, logged(Retry.of(INVENTORY, retryConfig(INVENTORY, after.retry()))));
			retries.replace(TOKEN, logged(Retry.of(TOKEN, retryConfig(TOKEN, after.retry()))));
			logger.info("Retries '{}' and '{}' replaced: {}", INVENTORY, TOKEN, after.retry());
		}
	}

	private static CircuitBreaker logged(CircuitBreaker circuitBreaker) {
		circuitBreaker.getEventPublisher()
			.onStateTransition((event) -> logger.warn("Circuit breaker '{}': {}", event.getCircuitBreakerName(),
					event.getStateTransition()));
		return circuitBreaker;
	}

	private static Retry logged(Retry retry) {
		retry.getEventPublisher()
			.onRetry((event) -> logger.info("Retrying '{}' in {} ms (retry {}) after {}", event.getName(),
					event.getWaitInterval().toMillis(), event.getNumberOfRetryAttempts(),
					InventoryFailures.describe(event.getLastThrowable())));
		return retry;
	}

	/**
	 * Required by Spring Cloud CircuitBreaker, and unused: calls run on the caller's
	 * thread, where the HTTP client's connect and read timeouts are the time limit (a
	 * time limiter would need a thread of its own for every call).
	 */
	@Bean
	TimeLimiterRegistry timeLimiterRegistry() {
		return TimeLimiterRegistry.ofDefaults();
	}

	/**
	 * Required by Spring Cloud CircuitBreaker, and unused: the bulkhead is a semaphore on
	 * the caller's thread.
	 */
	@Bean
	ThreadPoolBulkheadRegistry threadPoolBulkheadRegistry() {
		return ThreadPoolBulkheadRegistry.ofDefaults();
	}

	/**
	 * The {@code resilience4j_retry_calls} series (Spring Cloud CircuitBreaker publishes
	 * those of circuit breakers and bulkheads).
	 */
	@Bean
	TaggedRetryMetrics retryMetrics(RetryRegistry retries) {
		return TaggedRetryMetrics.ofRetryRegistry(retries);
	}

	@Bean
	CircuitBreakersHealthIndicator circuitBreakersHealthIndicator(CircuitBreakerRegistry circuitBreakers) {
		return new CircuitBreakersHealthIndicator(circuitBreakers);
	}

	@Bean
	InventoryCalls inventoryCalls(CircuitBreakerFactory<?, ?> circuitBreakers, CircuitBreakerRegistry registry,
			RetryRegistry retries) {
		return new InventoryCalls(circuitBreakers.create(INVENTORY), registry, retries);
	}

	private static CircuitBreakerConfig circuitBreakerConfig(CircuitBreakerSettings settings) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(settings.slidingWindowType())
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.slowCallDurationThreshold(settings.slowCallDurationThreshold())
			.slowCallRateThreshold(settings.slowCallRateThreshold())
			.waitDurationInOpenState(settings.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			// Without a call nobody would move an open circuit on, and the reconciler
			// makes no call while it is open.
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.recordException(InventoryFailures::isOutage)
			// Neither success nor failure: calls that never reached inventory, answers
			// that could not be read, a token that could not be obtained.
			.ignoreException((failure) -> !InventoryFailures.isOutage(failure))
			.build();
	}

	private static BulkheadConfig bulkheadConfig(BulkheadSettings settings) {
		return BulkheadConfig.custom()
			.maxConcurrentCalls(settings.maxConcurrentCalls())
			.maxWaitDuration(settings.maxWaitDuration())
			.build();
	}

	private static RetryConfig retryConfig(String name, RetrySettings settings) {
		Predicate<Throwable> retryable = TOKEN.equals(name) ? InventoryFailures::isTransientTokenFailure
				: InventoryFailures::isTransient;
		return RetryConfig.custom()
			.maxAttempts(settings.maxAttempts())
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialWait(), settings.multiplier(),
					settings.randomizationFactor(), settings.maxWait()))
			.retryOnException(retryable)
			.build();
	}

}
