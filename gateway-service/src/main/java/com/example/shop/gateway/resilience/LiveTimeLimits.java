package com.example.shop.gateway.resilience;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;

import com.example.shop.common.config.LiveProperties;

/**
 * Keeps the routes' time limits ({@code shop.gateway.circuit-breaker.time-limit} and
 * {@code .time-limits.<route id>}) in step with the environment after a refresh
 * ({@code POST /actuator/refresh}, or a refresh event from the bus).
 * <p>
 * {@link LiveProperties} binds and validates {@link CircuitBreakerProperties} again after
 * a refresh (refusing an invalid new value with one ERROR line and keeping the previous
 * one); for every accepted new value this puts a {@link TimeLimiter} with the new limit
 * into the registry for every route: Spring Cloud CircuitBreaker looks the route's time
 * limiter up by name on every call, so the next call obeys it. The breakers' own settings
 * (window, threshold, wait) are not replaced, as that would reset their state: they take
 * effect at the next start.
 */
final class LiveTimeLimits implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(LiveTimeLimits.class);

	private final LiveProperties<CircuitBreakerProperties> properties;

	private final TimeLimiterRegistry registry;

	private final GatewayProperties gateway;

	/**
	 * The settings the time limiters were last built from (the refresh's thread only).
	 */
	private CircuitBreakerProperties applied;

	LiveTimeLimits(LiveProperties<CircuitBreakerProperties> properties, TimeLimiterRegistry registry,
			GatewayProperties gateway) {
		this.properties = properties;
		this.registry = registry;
		this.gateway = gateway;
		this.applied = properties.get();
		properties.onChange(this::changed);
	}

	/** One time limiter for each route from the start, so that every route's is ours. */
	@Override
	public void afterSingletonsInstantiated() {
		apply(this.properties.get());
	}

	private synchronized void changed(CircuitBreakerProperties next) {
		CircuitBreakerProperties previous = this.applied;
		this.applied = next;
		apply(next);
		logger.info("Time limits of the routes now " + next.timeLimit() + ", by route " + next.timeLimits());
		if (!next.withTimeLimitsOf(previous).equals(previous)) {
			logger.warn("Changed shop.gateway.circuit-breaker settings other than the time limits take effect at "
					+ "the next start");
		}
	}

	private void apply(CircuitBreakerProperties properties) {
		Set<String> routeIds = new TreeSet<>(properties.timeLimits().keySet());
		this.gateway.getRoutes().stream().map(RouteDefinition::getId).filter(Objects::nonNull).forEach(routeIds::add);
		this.registry.getAllTimeLimiters().forEach((limiter) -> routeIds.add(limiter.getName()));
		for (String routeId : routeIds) {
			TimeLimiterConfig config = TimeLimiterConfig.custom()
				.timeoutDuration(properties.timeLimitOf(routeId))
				.build();
			if (this.registry.replace(routeId, TimeLimiter.of(routeId, config)).isEmpty()) {
				this.registry.timeLimiter(routeId, config);
			}
		}
	}

}
