package com.example.shop.config.bus;

import org.springframework.amqp.core.DeclarableCustomizer;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets the bus declare its queue on RabbitMQ before 3.12 (Debian 12 ships 3.10). Spring
 * AMQP 4 gives every exclusive or auto-delete queue the argument
 * {@code x-queue-leader-locator=client-local}, which those brokers refuse for classic
 * queues ({@code PRECONDITION_FAILED - invalid arg 'x-queue-leader-locator'}): the bus
 * consumer then never starts. {@code client-local} is what a classic queue does anyway,
 * so leaving the argument out changes nothing on newer brokers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(DeclarableCustomizer.class)
@ConditionalOnBooleanProperty("spring.cloud.bus.enabled")
class BusQueueConfiguration {

	@Bean
	DeclarableCustomizer queuesWithoutLeaderLocator() {
		return (declarable) -> {
			if (declarable instanceof Queue queue) {
				queue.setLeaderLocator(null);
			}
			return declarable;
		};
	}

}
