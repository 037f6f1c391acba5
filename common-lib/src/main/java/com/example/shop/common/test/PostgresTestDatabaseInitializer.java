package com.example.shop.common.test;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the application context at a fresh PostgreSQL database of its own. Applied by
 * {@link UsePostgres}; also usable in {@code @ContextConfiguration(initializers = ...)}.
 */
public class PostgresTestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String prefix = context.getEnvironment().getProperty("spring.application.name", "shop");
		PostgresTestDatabase.Database database = PostgresTestDatabase.create(prefix);
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("postgresTestDatabase",
					Map.of("spring.datasource.url", database.url(), "spring.datasource.username", database.username(),
							"spring.datasource.password", database.password(), "spring.datasource.driver-class-name",
							"org.postgresql.Driver")));
	}

}
