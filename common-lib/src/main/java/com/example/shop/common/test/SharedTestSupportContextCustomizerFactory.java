package com.example.shop.common.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives effect to {@link UsePostgres} and {@link UseTestJwtIssuer}, alone or together, on
 * a test class, a superclass or a composed annotation. A customizer rather than
 * {@code @ContextConfiguration} meta-annotations, because the test framework honours only
 * one of those per class; being a value, it keeps context caching.
 */
class SharedTestSupportContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		boolean postgres = TestContextAnnotationUtils.hasAnnotation(testClass, UsePostgres.class);
		boolean jwtIssuer = TestContextAnnotationUtils.hasAnnotation(testClass, UseTestJwtIssuer.class);
		return (postgres || jwtIssuer) ? new SharedTestSupport(postgres, jwtIssuer) : null;
	}

	private record SharedTestSupport(boolean postgres, boolean jwtIssuer) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			if (this.postgres) {
				new PostgresTestDatabaseInitializer().initialize(context);
			}
			if (this.jwtIssuer) {
				new TestJwtIssuerInitializer().initialize(context);
			}
		}

	}

}
