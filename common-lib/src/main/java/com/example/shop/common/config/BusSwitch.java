package com.example.shop.common.config;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.core.env.Environment;

/**
 * Keeps Spring Cloud Bus and everything it brings out of every service's context unless
 * {@code spring.cloud.bus.enabled} is true (false in {@code shop-common.yml};
 * {@code SPRING_CLOUD_BUS_ENABLED=true} or config-repo's {@code docker} profile turns it
 * on).
 * <p>
 * The bus starter puts RabbitMQ, Spring Cloud Stream, Spring Cloud Function and Spring
 * Integration on the classpath, and Spring Boot would configure them all whatever the bus
 * switch says: a RabbitMQ connection factory and a Rabbit health indicator that reports
 * DOWN on every machine without a broker, a binder, a function catalog and message
 * channels nobody uses. As an {@link AutoConfigurationImportFilter} (registered in
 * common-lib's {@code META-INF/spring.factories}), this switch leaves their
 * auto-configurations out while the bus is off: no connection attempt, nothing in the
 * health, no bus endpoints, no start-up time or memory spent on them.
 * <p>
 * It reads the same value the bus itself reads, and nothing else, so a service without
 * the bus starter is not affected (its auto-configurations are not there to filter).
 */
class BusSwitch extends AutoConfigurationSwitch {

	static final String ENABLED = "spring.cloud.bus.enabled";

	private static final List<String> BUS_AUTO_CONFIGURATION = List.of("org.springframework.cloud.bus.",
			"org.springframework.cloud.stream.", "org.springframework.cloud.function.",
			"org.springframework.boot.amqp.autoconfigure.", "org.springframework.boot.integration.autoconfigure.");

	BusSwitch() {
		super((name) -> BUS_AUTO_CONFIGURATION.stream().anyMatch(name::startsWith));
	}

	@Override
	protected boolean isOn(Environment environment) {
		return environment.getProperty(ENABLED, Boolean.class, false);
	}

}
