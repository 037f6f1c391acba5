package com.example.shop.gateway.ratelimit;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import com.example.shop.common.config.AutoConfigurationSwitch;

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
class RedisSwitch extends AutoConfigurationSwitch {

	private static final List<String> SETTINGS = List.of("spring.data.redis.host", "spring.data.redis.url");

	RedisSwitch() {
		super((name) -> name.startsWith("org.springframework.boot.data.redis.autoconfigure.")
				|| name.equals("org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration"));
	}

	static boolean isConfigured(Environment environment) {
		return SETTINGS.stream().anyMatch((setting) -> StringUtils.hasText(environment.getProperty(setting)));
	}

	@Override
	protected boolean isOn(Environment environment) {
		return isConfigured(environment);
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
