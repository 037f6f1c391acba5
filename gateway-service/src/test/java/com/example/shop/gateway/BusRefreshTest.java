package com.example.shop.gateway;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cloud.gateway.filter.FunctionRoutingFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import com.example.shop.common.test.TestBus;
import com.example.shop.common.test.TestJwtIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the bus on ({@code spring.cloud.bus.enabled=true}, the RabbitMQ on
 * {@code 127.0.0.1:5672}, guest/guest; fails without it, never skips), a refresh event
 * that another service puts on the bus (as config-service does for
 * {@code /actuator/busrefresh} or {@code /monitor}) makes the gateway reload its
 * settings. The bus ({@link TestBus}, a RabbitMQ exchange) is of this run alone and
 * deleted at the end; the gateway's queue on it is deleted by RabbitMQ when the gateway
 * disconnects.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		args = "--spring.config.import=optional:file:" + BusRefreshTest.SETTINGS_FILE,
		// On while the environment is prepared, when the bus decides whether it listens.
		properties = "spring.cloud.bus.enabled=true")
class BusRefreshTest extends LiveRateLimitTestSupport {

	static final String SETTINGS_FILE = "target/live-settings/bus-refresh-test.properties";

	static final LiveSettings SETTINGS = new LiveSettings(SETTINGS_FILE);

	private static final TestBus BUS = TestBus.start();

	@DynamicPropertySource
	static void onTheBus(DynamicPropertyRegistry registry) {
		BUS.properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void deleteTheBusAndSettings() {
		BUS.close();
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

		BUS.sendRefreshToEveryService();

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

}
