package com.example.shop.gateway.ratelimit;

import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The one switch between the two rate limiters: Redis is used when
 * {@code spring.data.redis.host} (or {@code spring.data.redis.url}) is set, and not at
 * all otherwise.
 * <p>
 * Spring Boot would otherwise connect to Redis on {@code localhost:6379} whenever Spring
 * Data Redis is on the classpath, and its Redis health indicator would report DOWN on
 * every machine without one. So, as an {@link AutoConfigurationImportFilter} (registered
 * in {@code META-INF/spring.factories}), this switch also keeps Boot's Redis
 * auto-configurations and the gateway's Redis rate limiter out of a context without Redis
 * settings: no connection, no health indicator, nothing that could fail.
 */
class RedisSwitch implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final List<String> SETTINGS = List.of("spring.data.redis.host", "spring.data.redis.url");

	private static final Predicate<String> REDIS_AUTO_CONFIGURATION = (
			name) -> name.startsWith("org.springframework.boot.data.redis.autoconfigure.")
					|| name.equals("org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration");

	private @Nullable Environment environment;

	static boolean isConfigured(Environment environment) {
		return SETTINGS.stream().anyMatch((setting) -> StringUtils.hasText(environment.getProperty(setting)));
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean redis = this.environment != null && isConfigured(this.environment);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String name = autoConfigurationClasses[i];
			matches[i] = redis || name == null || !REDIS_AUTO_CONFIGURATION.test(name);
		}
		return matches;
	}

	/** Matches when Redis is configured. */
	static class Configured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return isConfigured(context.getEnvironment());
		}

	}

	/** Matches when Redis is not configured. */
	static class NotConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !isConfigured(context.getEnvironment());
		}

	}

}
