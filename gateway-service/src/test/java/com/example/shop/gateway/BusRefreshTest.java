package com.example.shop.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cloud.gateway.filter.FunctionRoutingFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import com.example.shop.common.test.TestJwtIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the bus on ({@code spring.cloud.bus.enabled=true}, the RabbitMQ on
 * {@code 127.0.0.1:5672}, guest/guest; fails without it, never skips), a refresh event
 * that another service puts on the bus (as config-service does for
 * {@code /actuator/busrefresh} or {@code /monitor}) makes the gateway reload its
 * settings. The bus destination (a RabbitMQ exchange) is of this run alone and deleted at
 * the end; the gateway's queue on it is deleted by RabbitMQ when the gateway disconnects.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		args = "--spring.config.import=optional:file:" + BusRefreshTest.SETTINGS_FILE,
		properties = { "spring.cloud.bus.enabled=true", "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=5672",
				"spring.rabbitmq.username=guest", "spring.rabbitmq.password=guest" })
class BusRefreshTest extends LiveRateLimitTestSupport {

	static final String SETTINGS_FILE = "target/live-settings/bus-refresh-test.properties";

	static final LiveSettings SETTINGS = new LiveSettings(SETTINGS_FILE);

	static final String DESTINATION = "shop-bus-" + UUID.randomUUID();

	private static final CachingConnectionFactory RABBIT = rabbit();

	@DynamicPropertySource
	static void busDestination(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.bus.destination", () -> DESTINATION);
		// The bus derives these from the destination before the test's dynamic properties
		// exist.
		registry.add("spring.cloud.stream.bindings.springCloudBusInput.destination", () -> DESTINATION);
		registry.add("spring.cloud.stream.bindings.springCloudBusOutput.destination", () -> DESTINATION);
	}

	@AfterAll
	static void deleteTheBusAndSettings() {
		new RabbitAdmin(RABBIT).deleteExchange(DESTINATION);
		RABBIT.destroy();
		SETTINGS.delete();
	}

	@Autowired
	ApplicationContext context;

	@Override
	LiveSettings settings() {
		return SETTINGS;
	}

	@Test
	void reloadsItsSettingsWhenARefreshEventArrivesOnTheBus() {
		readOrder(newClient()).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Burst-Capacity", "1000");
		settings().write(TIGHT_LIMITS);

		sendRefreshEventFromConfigService();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> readOrder(newClient()).expectHeader().valueEquals("X-RateLimit-Burst-Capacity", "180"));
		String client = newClient();
		EntityExchangeResult<String> refused = firstRefusal(() -> readOrder(client), API_BURST);
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("180");
	}

	@Test
	void reportsRabbitInTheHealthAndRoutesNoFunctionsWhenTheBusIsOn() {
		assertThat(this.context.getBeanNamesForType(FunctionRoutingFilter.class)).isEmpty();
		this.client.get()
			.uri("/actuator/health")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwtIssuer.shared().token("ops-client", "ops"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.rabbit.status")
			.isEqualTo("UP");
	}

	/**
	 * What config-service's {@code /actuator/busrefresh} sends: a
	 * {@code RefreshRemoteApplicationEvent} as JSON, from another service, for every
	 * service ({@code **}).
	 */
	private static void sendRefreshEventFromConfigService() {
		String event = """
				{"type":"RefreshRemoteApplicationEvent","originService":"config-service:8888:%s",\
				"destinationService":"**","id":"%s"}""".formatted(UUID.randomUUID(), UUID.randomUUID());
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		Message message = MessageBuilder.withBody(event.getBytes(StandardCharsets.UTF_8))
			.andProperties(properties)
			.build();
		new RabbitTemplate(RABBIT).send(DESTINATION, DESTINATION, message);
	}

	private static CachingConnectionFactory rabbit() {
		CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
		factory.setUsername("guest");
		factory.setPassword("guest");
		return factory;
	}

}
