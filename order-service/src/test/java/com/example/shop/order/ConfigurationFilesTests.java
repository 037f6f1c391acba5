package com.example.shop.order;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import com.example.shop.order.order.OrderProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings files bind to the typed properties as intended: the code default of
 * {@code orders.max-lines} is 50, config-repo makes it 10, and order-service's own
 * application.yml carries what it needs without the config server, with no secret in
 * plain text anywhere.
 */
class ConfigurationFilesTests {

	private static final Path CONFIG_REPO = Path.of("..", "config-repo");

	@Test
	void allowsFiftyLinesWhenNothingIsConfigured() {
		OrderProperties properties = bind(List.of());

		assertThat(properties.maxLines()).isEqualTo(50);
		assertThat(properties.reconciler().enabled()).isTrue();
		assertThat(properties.reconciler().interval()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void configRepoLimitsOrdersToTenLines() throws IOException {
		List<PropertySource<?>> configRepo = load(new FileSystemResource(CONFIG_REPO.resolve("order-service.yml")));

		OrderProperties properties = bind(configRepo);

		assertThat(properties.maxLines()).isEqualTo(10);
		assertThat(properties.reconciler().minAge()).isGreaterThanOrEqualTo(Duration.ofSeconds(6))
			.as("more than a placing request's worst case: token and reservation, 1s + 2s each");
		Binder binder = binder(configRepo);
		assertThat(binder.bind("orders.inventory.connect-timeout", Duration.class).get())
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(binder.bind("orders.inventory.read-timeout", Duration.class).get()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void theDockerProfileUsesItsOwnPostgresWithThePasswordFromTheEnvironment() throws IOException {
		Map<String, Object> docker = flatten(
				load(new FileSystemResource(CONFIG_REPO.resolve("order-service-docker.yml"))));

		assertThat(docker).containsEntry("spring.datasource.url", "jdbc:postgresql://order-db:5432/orders")
			.containsEntry("spring.datasource.username", "${ORDER_DB_USERNAME:orders}")
			.containsEntry("spring.datasource.password", "${ORDER_DB_PASSWORD}");
	}

	@Test
	void theServiceCarriesItsInventoryClientRegistrationWithTheSecretFromTheEnvironment() throws IOException {
		Map<String, Object> application = flatten(load(new ClassPathResource("application.yml")));

		String registration = "spring.security.oauth2.client.registration.inventory.";
		assertThat(application).containsEntry(registration + "client-id", "order-service")
			.containsEntry(registration + "client-secret", "${ORDER_SERVICE_CLIENT_SECRET}")
			.containsEntry(registration + "authorization-grant-type", "client_credentials")
			.containsEntry(registration + "scope", "inventory:reserve")
			.containsEntry(registration + "provider", "auth")
			.containsEntry("spring.security.oauth2.client.provider.auth.token-uri", "${shop.auth.url}/oauth2/token")
			.containsEntry("server.port", 8081);
		assertThat(String.valueOf(application.get("spring.datasource.url")))
			.startsWith("jdbc:h2:file:${shop.data-dir}/orders;MODE=PostgreSQL;");
	}

	@Test
	void noSettingsFileHoldsASecretInPlainText() throws IOException {
		for (Path file : List.of(CONFIG_REPO.resolve("order-service.yml"),
				CONFIG_REPO.resolve("order-service-docker.yml"),
				Path.of("src", "main", "resources", "application.yml"))) {
			flatten(load(new FileSystemResource(file))).forEach((name, value) -> {
				if (name.contains("secret") || name.contains("password")) {
					assertThat(String.valueOf(value)).as("%s in %s", name, file).matches("|\\$\\{[A-Z_]+:?}");
				}
			});
			assertThat(Files.readString(file)).doesNotContainIgnoringCase("{noop}");
		}
	}

	private static OrderProperties bind(List<PropertySource<?>> sources) {
		return binder(sources).bindOrCreate("orders", OrderProperties.class);
	}

	private static Binder binder(List<PropertySource<?>> sources) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("empty", Map.of()));
		sources.forEach(environment.getPropertySources()::addLast);
		return new Binder(ConfigurationPropertySources.from(environment.getPropertySources()));
	}

	private static List<PropertySource<?>> load(Resource resource) throws IOException {
		return new YamlPropertySourceLoader().load(resource.getDescription(), resource);
	}

	private static Map<String, Object> flatten(List<PropertySource<?>> sources) {
		Map<String, Object> properties = new java.util.LinkedHashMap<>();
		for (PropertySource<?> source : sources) {
			if (source instanceof MapPropertySource map) {
				map.getSource()
					.forEach((name, value) -> properties.put(name,
							(value instanceof org.springframework.boot.origin.OriginTrackedValue tracked)
									? tracked.getValue() : value));
			}
		}
		return properties;
	}

}
