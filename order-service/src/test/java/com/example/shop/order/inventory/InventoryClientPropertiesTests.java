package com.example.shop.order.inventory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resilience settings of config-repo and of the service's own application.yml bind to
 * {@link InventoryClientProperties} completely: a misspelt setting would otherwise be
 * ignored without a word, and the circuit breaker run on defaults nobody chose.
 */
class InventoryClientPropertiesTests {

	private static final String INVENTORY = "orders.inventory";

	@Test
	void configRepoNamesOnlySettingsTheServiceKnows() throws IOException {
		InventoryClientProperties properties = bindEverything(
				new FileSystemResource(Path.of("..", "config-repo", "order-service.yml")));

		assertThat(properties.retry().maxAttempts()).isEqualTo(3);
		assertThat(properties.circuitBreaker().slidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
		assertThat(properties.circuitBreaker().slowCallDurationThreshold()).isLessThan(properties.readTimeout())
			.as("a call can be slow before it times out");
		assertThat(properties.circuitBreaker().minimumNumberOfCalls())
			.isLessThanOrEqualTo(properties.circuitBreaker().slidingWindowSize());
		assertThat(properties.bulkhead().maxConcurrentCalls()).isPositive();
	}

	@Test
	void theServicesApplicationYmlNamesOnlySettingsTheServiceKnowsAndRepeatsTheCodeDefaults() throws IOException {
		InventoryClientProperties applicationYml = bindEverything(new ClassPathResource("application.yml"));

		InventoryClientProperties codeDefaults = binder(List.of()).bindOrCreate(INVENTORY,
				InventoryClientProperties.class);
		assertThat(applicationYml).isEqualTo(codeDefaults);
		assertThat(codeDefaults.retry().initialWait()).isEqualTo(Duration.ofMillis(100));
		assertThat(codeDefaults.circuitBreaker().waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(10));
	}

	private static InventoryClientProperties bindEverything(Resource resource) throws IOException {
		return binder(new YamlPropertySourceLoader().load(resource.getDescription(), resource))
			.bind(INVENTORY, Bindable.of(InventoryClientProperties.class),
					new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
			.get();
	}

	private static Binder binder(List<PropertySource<?>> sources) {
		StandardEnvironment environment = new StandardEnvironment();
		// What common-lib's shared defaults would provide.
		environment.getPropertySources()
			.addFirst(new MapPropertySource("shared", Map.of("shop.services.inventory-url", "http://localhost:8082",
					INVENTORY + ".base-url", "http://localhost:8082")));
		sources.forEach(environment.getPropertySources()::addFirst);
		return new Binder(ConfigurationPropertySources.from(environment.getPropertySources()),
				new PropertySourcesPlaceholdersResolver(environment));
	}

}
