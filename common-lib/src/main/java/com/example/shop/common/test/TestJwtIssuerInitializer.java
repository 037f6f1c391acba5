package com.example.shop.common.test;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the resource server of the context under test trust
 * {@link TestJwtIssuer#shared()}. Applied by {@link UseTestJwtIssuer}; also usable in
 * {@code @ContextConfiguration(initializers = ...)}.
 */
public class TestJwtIssuerInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestJwtIssuer issuer = TestJwtIssuer.shared();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("testJwtIssuer",
					Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer.issuer(),
							"spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer.jwkSetUri())));
	}

}
