package com.example.shop.gateway.bus;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.DeclarableCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the bus needs of the gateway when it is on ({@link BusSwitch} leaves everything of
 * it out otherwise).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = BusSwitch.ENABLED, havingValue = "true")
class BusConfiguration {

	/**
	 * Each instance listens on the bus through a queue of its own, an exclusive
	 * auto-delete queue that Spring AMQP 4 declares with
	 * {@code x-queue-leader-locator: client-local}. RabbitMQ before 4.0 knows that
	 * argument for quorum queues only and refuses the declaration (406
	 * PRECONDITION_FAILED), so the gateway would never hear the bus. Without the argument
	 * RabbitMQ places the queue on the node the gateway is connected to anyway (its
	 * default), on every version.
	 * @return a customizer the Rabbit binder applies before it declares queues
	 */
	@Bean
	DeclarableCustomizer busQueueWithoutLeaderLocator() {
		return (declarable) -> {
			if (declarable instanceof AnonymousQueue queue) {
				queue.setLeaderLocator(null);
			}
			return declarable;
		};
	}

}
