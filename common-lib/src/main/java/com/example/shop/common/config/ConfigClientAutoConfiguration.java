package com.example.shop.common.config;

import org.springframework.amqp.core.DeclarableCustomizer;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration.RefreshProperties;
import org.springframework.cloud.context.refresh.ConfigDataContextRefresher;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How every service behaves as a client of config-service: a refresh never drops what
 * config-service served ({@link GuardedContextRefresher}), one WARN when the service
 * starts on its packaged settings ({@link PackagedDefaultsNotice}), and a Spring Cloud
 * Bus queue that RabbitMQ before 3.12 accepts.
 */
@AutoConfiguration(before = RefreshAutoConfiguration.class)
@ConditionalOnClass(ConfigDataContextRefresher.class)
public class ConfigClientAutoConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "spring.cloud.refresh.enabled", matchIfMissing = true)
	ConfigDataContextRefresher configDataContextRefresher(ConfigurableApplicationContext context, RefreshScope scope,
			RefreshProperties properties) {
		return new GuardedContextRefresher(context, scope, properties);
	}

	@Bean
	PackagedDefaultsNotice packagedDefaultsNotice() {
		return new PackagedDefaultsNotice();
	}

	/**
	 * Each instance hears the bus through an anonymous queue of its own, which Spring
	 * AMQP 4 declares with {@code x-queue-leader-locator=client-local}. RabbitMQ before
	 * 3.12 (Debian 12 ships 3.10) refuses that argument for classic queues (406
	 * PRECONDITION_FAILED) and the instance would never hear the bus.
	 * {@code client-local} is what a classic queue does anyway, so leaving it out changes
	 * nothing on newer brokers.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DeclarableCustomizer.class)
	@ConditionalOnBooleanProperty("spring.cloud.bus.enabled")
	static class BusQueueConfiguration {

		@Bean
		DeclarableCustomizer busQueuesWithoutLeaderLocator() {
			return (declarable) -> {
				if (declarable instanceof Queue queue) {
					queue.setLeaderLocator(null);
				}
				return declarable;
			};
		}

	}

}
