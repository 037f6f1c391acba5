package com.example.shop.common.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
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
 * The filter runs when the auto-configurations are imported, after the environment is
 * complete: it sees the service's {@code application.yml} and profile files, what
 * config-service served, environment variables and arguments, the same value the bus
 * itself reads. It reads nothing else, so a service without the bus starter is not
 * affected (its auto-configurations are not there to filter).
 */
class BusSwitch implements AutoConfigurationImportFilter, EnvironmentAware {

	static final String ENABLED = "spring.cloud.bus.enabled";

	private static final List<String> BUS_AUTO_CONFIGURATION = List.of("org.springframework.cloud.bus.",
			"org.springframework.cloud.stream.", "org.springframework.cloud.function.",
			"org.springframework.boot.amqp.autoconfigure.", "org.springframework.boot.integration.autoconfigure.");

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean bus = this.environment != null && this.environment.getProperty(ENABLED, Boolean.class, false);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String name = autoConfigurationClasses[i];
			matches[i] = bus || name == null || BUS_AUTO_CONFIGURATION.stream().noneMatch(name::startsWith);
		}
		return matches;
	}

}
