package com.example.shop.common.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code shop-common.yml} (the defaults every service shares) with the lowest
 * precedence, so that a service's own {@code application.yml}, config-repo, environment
 * variables and arguments all override it.
 */
public class SharedDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String RESOURCE = "shop-common.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassPathResource resource = new ClassPathResource(RESOURCE, getClass().getClassLoader());
		if (!resource.exists() || environment.getPropertySources().contains("shopCommonDefaults")) {
			return;
		}
		try {
			List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("shopCommonDefaults", resource);
			sources.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + RESOURCE, ex);
		}
	}

}
