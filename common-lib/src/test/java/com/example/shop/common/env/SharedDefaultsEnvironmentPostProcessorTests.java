package com.example.shop.common.env;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class SharedDefaultsEnvironmentPostProcessorTests {

	@Test
	void providesTheSharedDefaultsBelowEverythingElse() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("service", Map.of("shop.auth.url", "http://auth.internal:9000")));

		new SharedDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("false");
		assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("shop.auth.url")).isEqualTo("http://auth.internal:9000");
		assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
			.isEqualTo("http://auth.internal:9000/oauth2/jwks");
	}

}
