package com.example.shop.common.security;

import java.time.Clock;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.ClassUtils;

/**
 * Wraps the service's JWT decoder (servlet or reactive, whoever created it) so that a
 * token is verified once per service and lifetime instead of once per request:
 * {@link VerifiedTokenCache}. {@code shop.security.token-cache.max-size} (default
 * {@value #DEFAULT_MAX_SIZE}) bounds it; {@code 0} turns the cache off.
 */
@AutoConfiguration
@ConditionalOnClass(JwtDecoder.class)
public final class VerifiedTokenCacheAutoConfiguration {

	/** Tokens kept per service unless configured otherwise: about 1 KB each. */
	public static final int DEFAULT_MAX_SIZE = 1000;

	static final String MAX_SIZE_PROPERTY = "shop.security.token-cache.max-size";

	private static final boolean REACTIVE = ClassUtils.isPresent("reactor.core.publisher.Mono",
			VerifiedTokenCacheAutoConfiguration.class.getClassLoader());

	@Bean
	static BeanPostProcessor verifiedTokenCachePostProcessor(Environment environment) {
		int maxSize = Binder.get(environment).bind(MAX_SIZE_PROPERTY, Integer.class).orElse(DEFAULT_MAX_SIZE);
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (maxSize <= 0) {
					return bean;
				}
				if (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
					return new CachingJwtDecoder(decoder, new VerifiedTokenCache(maxSize, Clock.systemUTC()));
				}
				if (REACTIVE && bean instanceof ReactiveJwtDecoder decoder
						&& !(bean instanceof CachingReactiveJwtDecoder)) {
					return new CachingReactiveJwtDecoder(decoder, new VerifiedTokenCache(maxSize, Clock.systemUTC()));
				}
				return bean;
			}
		};
	}

}
