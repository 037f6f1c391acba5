package com.example.shop.gateway.resilience;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import jakarta.validation.Validator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.ApplicationListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Keeps the routes' time limits ({@code shop.gateway.circuit-breaker.time-limit} and
 * {@code .time-limits.<route id>}) in step with the environment after a refresh
 * ({@code POST /actuator/refresh}, or a refresh event from the bus).
 * <p>
 * {@link CircuitBreakerProperties} is a record, which Spring Cloud's rebinder cannot bind
 * again (spring-cloud-commons #844). So on every {@link EnvironmentChangeEvent} this
 * binds the record anew with Boot's {@link Binder} and the same validation, and puts a
 * {@link TimeLimiter} with the new limit into the registry for every route: Spring Cloud
 * CircuitBreaker looks the route's time limiter up by name on every call, so the next
 * call obeys it. An invalid new value is refused with one ERROR line, and the previous
 * limits stay. The breakers' own settings (window, threshold, wait) are not replaced, as
 * that would reset their state: they take effect at the next start.
 */
final class LiveTimeLimits implements ApplicationListener<EnvironmentChangeEvent>, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(LiveTimeLimits.class);

	private static final String PREFIX = "shop.gateway.circuit-breaker";

	private final ConfigurableEnvironment environment;

	private final SpringValidatorAdapter validator;

	private final TimeLimiterRegistry registry;

	private final GatewayProperties gateway;

	private volatile CircuitBreakerProperties current;

	LiveTimeLimits(ConfigurableEnvironment environment, Validator validator, TimeLimiterRegistry registry,
			GatewayProperties gateway, CircuitBreakerProperties initial) {
		this.environment = environment;
		this.validator = new SpringValidatorAdapter(validator);
		this.registry = registry;
		this.gateway = gateway;
		this.current = initial;
	}

	/** One time limiter for each route from the start, so that every route's is ours. */
	@Override
	public void afterSingletonsInstantiated() {
		apply(this.current);
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		CircuitBreakerProperties next;
		try {
			// A new handler each time: it keeps the errors of the binding it took part
			// in.
			next = binder().bindOrCreate(PREFIX, Bindable.of(CircuitBreakerProperties.class),
					new ValidationBindHandler(this.validator));
		}
		catch (BindException ex) {
			logger.error("Refused the new " + PREFIX + " settings, the previous time limits stay: " + reason(ex));
			return;
		}
		CircuitBreakerProperties previous = this.current;
		if (next.equals(previous)) {
			return;
		}
		this.current = next;
		apply(next);
		logger.info("Time limits of the routes now " + next.timeLimit() + ", by route " + next.timeLimits());
		if (!next.withTimeLimitsOf(previous).equals(previous)) {
			logger.warn("Changed " + PREFIX + " settings other than the time limits take effect at the next start");
		}
	}

	/** The time limits in effect. */
	CircuitBreakerProperties current() {
		return this.current;
	}

	/** A binder over the property sources as the refresh left them. */
	private Binder binder() {
		return new Binder(ConfigurationPropertySources.from(this.environment.getPropertySources()),
				new PropertySourcesPlaceholdersResolver(this.environment),
				ApplicationConversionService.getSharedInstance());
	}

	private static String reason(BindException ex) {
		if (ex.getCause() instanceof BindValidationException invalid) {
			return invalid.getValidationErrors()
				.getAllErrors()
				.stream()
				.map((error) -> ((error instanceof FieldError field) ? field.getField() + " " : "")
						+ error.getDefaultMessage())
				.collect(Collectors.joining(", "));
		}
		return NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
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
