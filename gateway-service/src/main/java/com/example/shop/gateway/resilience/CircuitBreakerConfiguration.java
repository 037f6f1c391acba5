package com.example.shop.gateway.resilience;

import java.util.HashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import jakarta.validation.Validator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import com.example.shop.common.config.LiveProperties;

/**
 * The Resilience4j registries behind Spring Cloud CircuitBreaker's reactive factory,
 * which the route filter {@code CircuitBreaker} (a default filter, so on every route)
 * takes its breakers from: one breaker per route, named after it, all with the same
 * settings, and a time limit per route.
 * <p>
 * The gateway does not use Resilience4j's own Spring Boot integration (its
 * {@code resilience4j.*} properties): Spring Cloud CircuitBreaker only needs these two
 * registries, and building them from {@link CircuitBreakerProperties} keeps every setting
 * in one validated record. The time limits follow a refresh ({@link LiveProperties},
 * {@link LiveTimeLimits}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CircuitBreakerProperties.class)
class CircuitBreakerConfiguration {

	private static final Log logger = LogFactory.getLog(CircuitBreakerConfiguration.class);

	/** Name of the configuration a registry uses for every breaker without its own. */
	private static final String DEFAULT = "default";

	@Bean
	CircuitBreakerRegistry circuitBreakerRegistry(CircuitBreakerProperties properties) {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(properties.slidingWindowSize())
			.minimumNumberOfCalls(properties.minimumNumberOfCalls())
			.failureRateThreshold(properties.failureRateThreshold())
			.waitDurationInOpenState(properties.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(properties.callsInHalfOpenState())
			.build();
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
		// An operator wants to see a route's breaker open and close in the log.
		registry.getEventPublisher()
			.onEntryAdded((added) -> added.getAddedEntry()
				.getEventPublisher()
				.onStateTransition((event) -> logger.warn("Circuit breaker of route " + event.getCircuitBreakerName()
						+ ": " + event.getStateTransition().getFromState() + " -> "
						+ event.getStateTransition().getToState())));
		return registry;
	}

	@Bean
	TimeLimiterRegistry timeLimiterRegistry(CircuitBreakerProperties properties) {
		Map<String, TimeLimiterConfig> configs = new HashMap<>();
		configs.put(DEFAULT, TimeLimiterConfig.custom().timeoutDuration(properties.timeLimit()).build());
		properties.timeLimits()
			.forEach((routeId, limit) -> configs.put(routeId,
					TimeLimiterConfig.custom().timeoutDuration(limit).build()));
		return TimeLimiterRegistry.of(configs);
	}

	/**
	 * The settings as they are now: a refresh binds and validates them again, and keeps
	 * the previous ones when the new ones are invalid.
	 */
	@Bean
	LiveProperties<CircuitBreakerProperties> liveCircuitBreakerProperties(CircuitBreakerProperties properties,
			ConfigurableEnvironment environment, Validator validator) {
		return new LiveProperties<>("shop.gateway.circuit-breaker", CircuitBreakerProperties.class, properties,
				environment, validator);
	}

	@Bean
	LiveTimeLimits liveTimeLimits(LiveProperties<CircuitBreakerProperties> properties, TimeLimiterRegistry registry,
			GatewayProperties gateway) {
		return new LiveTimeLimits(properties, registry, gateway);
	}

}
