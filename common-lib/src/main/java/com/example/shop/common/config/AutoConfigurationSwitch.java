package com.example.shop.common.config;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps a group of Spring Boot auto-configurations out of the context while a setting
 * says the feature they serve is off, so that nothing of it is built: no connection
 * attempt, no health indicator, no start-up time. Register a subclass as an
 * {@link AutoConfigurationImportFilter} in {@code META-INF/spring.factories}.
 * <p>
 * The filter runs when the auto-configurations are imported, after the environment is
 * complete: it sees the service's {@code application.yml} and profile files, what
 * config-service served, environment variables and arguments.
 */
public abstract class AutoConfigurationSwitch implements AutoConfigurationImportFilter, EnvironmentAware {

	private final Predicate<String> guarded;

	private @Nullable Environment environment;

	/**
	 * @param guarded which auto-configurations (by class name) belong to the feature
	 */
	protected AutoConfigurationSwitch(Predicate<String> guarded) {
		this.guarded = guarded;
	}

	/**
	 * Whether the feature is on.
	 * @param environment the service's environment
	 * @return {@code true} to keep its auto-configurations
	 */
	protected abstract boolean isOn(Environment environment);

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean on = this.environment != null && isOn(this.environment);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String name = autoConfigurationClasses[i];
			matches[i] = on || name == null || !this.guarded.test(name);
		}
		return matches;
	}

}
