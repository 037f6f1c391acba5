package com.example.shop.gateway.ratelimit;

import java.util.List;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * What the routes' {@code RequestRateLimiter} filters use: the key resolvers
 * {@code clientKeyResolver} and {@code addressKeyResolver} (see {@link RateLimitKeys}),
 * and one rate limiter, in Redis when {@code spring.data.redis.host} is set (see
 * {@link RedisSwitch}) and in memory otherwise. The limits themselves are route arguments
 * ({@code application.yml}, values from {@code config-repo/gateway-service.yml}).
 * <p>
 * A refused request is answered 429 by the filter, with the limiter's
 * {@code X-RateLimit-*} and {@code Retry-After} headers; the problem body comes from the
 * gateway's {@code EmptyErrorResponseFilter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InMemoryRateLimitProperties.class)
class RateLimitConfiguration {

	@Bean
	RateLimitKeys rateLimitKeys(GatewayProperties gateway) {
		return new RateLimitKeys(gateway.getTrustedProxies());
	}

	/** The default key resolver of the filter, and the one the API routes name. */
	@Bean
	@Primary
	KeyResolver clientKeyResolver(RateLimitKeys keys) {
		return keys.byClient();
	}

	@Bean
	KeyResolver addressKeyResolver(RateLimitKeys keys) {
		return keys.byAddress();
	}

	@Bean
	@Conditional(RedisSwitch.NotConfigured.class)
	TokenBucketRateLimiter inMemoryRateLimiter(ConfigurationService configurationService,
			InMemoryRateLimitProperties properties) {
		return new TokenBucketRateLimiter(configurationService, properties.maxKeys(), System::nanoTime);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(RedisSwitch.Configured.class)
	static class RedisRateLimiting {

		/** Replaces the gateway's own {@code redisRateLimiter}. */
		@Bean
		RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redisTemplate,
				@Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
				ConfigurationService configurationService) {
			return new RetryAfterRedisRateLimiter(redisTemplate, script, configurationService);
		}

		/**
		 * While Redis is unreachable, a command fails at once instead of waiting in
		 * Lettuce's queue for the reconnect: the limiter then lets the request through
		 * without delaying it.
		 */
		@Bean
		LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
			return (options) -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
		}

	}

}
