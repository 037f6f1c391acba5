package com.example.shop.common.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A real Spring Boot application that imports its settings from a config server the way
 * the services do: {@code spring.config.import=optional:configserver:<url>} with
 * config-service's client user, given as command-line arguments (as a service's
 * environment would), which a refresh keeps. Only the auto-configurations a config client
 * needs run: Spring Cloud's refresh and, unless left out, common-lib's
 * {@link ConfigClientAutoConfiguration}.
 */
final class ConfigClientApplication {

	static final String NAME = "probe-service";

	static final String USERNAME = "config-client";

	static final String PASSWORD = "s3cret-of-the-client";

	private ConfigClientApplication() {
	}

	/** Starts a service that imports its settings from the config server at this URL. */
	static ConfigurableApplicationContext start(String configServerUrl, String... args) {
		return start(Guarded.class, configServerUrl, args);
	}

	/**
	 * Starts the same service without {@link ConfigClientAutoConfiguration}: with Spring
	 * Cloud's own refresher, unguarded.
	 */
	static ConfigurableApplicationContext startWithoutTheGuard(String configServerUrl, String... args) {
		return start(Unguarded.class, configServerUrl, args);
	}

	private static ConfigurableApplicationContext start(Class<?> configuration, String configServerUrl,
			String... args) {
		List<String> arguments = new ArrayList<>(List.of("--spring.application.name=" + NAME,
				"--spring.config.import=optional:configserver:" + configServerUrl,
				"--spring.cloud.config.username=" + USERNAME, "--spring.cloud.config.password=" + PASSWORD,
				// A test waits for no unreachable server; the services keep the client's
				// defaults.
				"--spring.cloud.config.request-connect-timeout=1000", "--spring.cloud.config.request-read-timeout=3000",
				"--spring.main.banner-mode=off"));
		arguments.addAll(List.of(args));
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.run(arguments.toArray(String[]::new));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ConfigClientAutoConfiguration.class, RefreshAutoConfiguration.class })
	static class Guarded {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(RefreshAutoConfiguration.class)
	static class Unguarded {

	}

}
