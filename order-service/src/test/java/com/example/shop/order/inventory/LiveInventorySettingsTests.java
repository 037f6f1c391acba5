package com.example.shop.order.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code orders.inventory.*} change without a restart: after a refresh the next call to
 * inventory (real HTTP to a stand-in, with a real client-credentials token) uses the new
 * timeouts, retries, circuit breaker, bulkhead and base URL; an invalid value is refused
 * and everything stays as it was. The refresh itself is Spring Cloud's event, as
 * {@code /actuator/refresh} and the bus publish it ({@code RefreshEndpointTests} goes
 * through the endpoint).
 */
@ExtendWith(OutputCaptureExtension.class)
class LiveInventorySettingsTests {

	private static final String RESERVATIONS = RestInventoryClient.RESERVATIONS;

	private static final List<ReservationLine> LINES = List.of(new ReservationLine("A-1", 1));

	private static final WireMockServer inventory = new WireMockServer(options().dynamicPort());

	private static final WireMockServer otherInventory = new WireMockServer(options().dynamicPort());

	@BeforeAll
	static void start() {
		inventory.start();
		otherInventory.start();
	}

	@AfterAll
	static void stop() {
		inventory.stop();
		otherInventory.stop();
	}

	@BeforeEach
	void reset() {
		for (WireMockServer server : List.of(inventory, otherInventory)) {
			server.resetAll();
			server.stubFor(post(urlEqualTo("/oauth2/token")).willReturn(
					json(200, "{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
		}
	}

	private ApplicationContextRunner contexts() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("inventory")
			.clientId("order-service")
			.clientSecret("s3cret")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("inventory:reserve")
			.tokenUri(inventory.baseUrl() + "/oauth2/token")
			.build();
		return new ApplicationContextRunner()
			.withUserConfiguration(InventoryClientConfiguration.class, InventoryResilienceConfiguration.class)
			.withConfiguration(
					AutoConfigurations.of(Resilience4JAutoConfiguration.class, ValidationAutoConfiguration.class))
			// A new builder for every client, as Spring Boot's auto-configuration gives.
			.withBean(RestClient.Builder.class, RestClient::builder,
					(definition) -> definition.setScope(BeanDefinition.SCOPE_PROTOTYPE))
			.withBean(ClientRegistrationRepository.class, () -> new InMemoryClientRegistrationRepository(registration))
			.withBean(OAuth2AuthorizedClientService.class,
					() -> new InMemoryOAuth2AuthorizedClientService(
							new InMemoryClientRegistrationRepository(registration)))
			.withPropertyValues("orders.inventory.base-url=" + inventory.baseUrl(), "orders.inventory.read-timeout=2s",
					"orders.inventory.retry.initial-wait=10ms", "orders.inventory.retry.max-wait=20ms",
					"spring.cloud.circuitbreaker.resilience4j.disable-thread-pool=true",
					"spring.cloud.circuitbreaker.resilience4j.enable-semaphore-default-bulkhead=true",
					"spring.cloud.circuitbreaker.resilience4j.disable-time-limiter=true");
	}

	@Test
	void aShorterReadTimeoutAppliesToTheNextCall() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(reserved().withFixedDelay(600)));
		contexts().run((context) -> {
			InventoryClient client = context.getBean(InventoryClient.class);
			assertThat(client.reserve(UUID.randomUUID(), LINES)).isInstanceOf(ReservationResult.Reserved.class);

			refresh(context, "orders.inventory.read-timeout=150ms");

			assertThat(client.reserve(UUID.randomUUID(), LINES)).isInstanceOf(ReservationResult.Unavailable.class);
		});
	}

	@Test
	void fewerAttemptsApplyToTheNextCall() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(aResponse().withStatus(503)));
		contexts().run((context) -> {
			InventoryClient client = context.getBean(InventoryClient.class);
			client.reserve(UUID.randomUUID(), LINES);
			inventory.verify(exactly(3), postRequestedFor(urlEqualTo(RESERVATIONS)));
			inventory.resetRequests();

			refresh(context, "orders.inventory.retry.max-attempts=1");
			client.reserve(UUID.randomUUID(), LINES);

			inventory.verify(exactly(1), postRequestedFor(urlEqualTo(RESERVATIONS)));
		});
	}

	@Test
	void aNewBaseUrlSendsTheNextCallThere() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(reserved()));
		otherInventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(reserved()));
		contexts().run((context) -> {
			InventoryClient client = context.getBean(InventoryClient.class);

			refresh(context, "orders.inventory.base-url=" + otherInventory.baseUrl());

			assertThat(client.reserve(UUID.randomUUID(), LINES)).isInstanceOf(ReservationResult.Reserved.class);
			otherInventory.verify(exactly(1), postRequestedFor(urlEqualTo(RESERVATIONS)));
			inventory.verify(exactly(0), postRequestedFor(urlEqualTo(RESERVATIONS)));
		});
	}

	@Test
	void aSmallerCircuitBreakerWindowOpensSooner() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(aResponse().withStatus(503)));
		contexts().withPropertyValues("orders.inventory.retry.max-attempts=1").run((context) -> {
			InventoryClient client = context.getBean(InventoryClient.class);
			client.reserve(UUID.randomUUID(), LINES);
			client.reserve(UUID.randomUUID(), LINES);
			// Two failures in a window that needs ten calls: still closed.
			assertThat(client.acceptsCalls()).isTrue();

			refresh(context, "orders.inventory.circuit-breaker.sliding-window-size=2",
					"orders.inventory.circuit-breaker.minimum-number-of-calls=2");
			client.reserve(UUID.randomUUID(), LINES);
			client.reserve(UUID.randomUUID(), LINES);

			assertThat(client.acceptsCalls()).isFalse();
			assertThat(circuitBreaker(context).getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(2);
		});
	}

	@Test
	void aChangeElsewhereLeavesTheCircuitBreakerAsItIs() {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(aResponse().withStatus(503)));
		contexts()
			.withPropertyValues("orders.inventory.retry.max-attempts=1",
					"orders.inventory.circuit-breaker.sliding-window-size=2",
					"orders.inventory.circuit-breaker.minimum-number-of-calls=2")
			.run((context) -> {
				InventoryClient client = context.getBean(InventoryClient.class);
				client.reserve(UUID.randomUUID(), LINES);
				client.reserve(UUID.randomUUID(), LINES);
				CircuitBreaker open = circuitBreaker(context);
				assertThat(open.getState()).isEqualTo(CircuitBreaker.State.OPEN);

				refresh(context, "orders.inventory.read-timeout=1s",
						"orders.inventory.bulkhead.max-concurrent-calls=5");

				assertThat(circuitBreaker(context)).isSameAs(open);
				assertThat(client.acceptsCalls()).isFalse();
				assertThat(context.getBean(BulkheadRegistry.class)
					.bulkhead(InventoryCalls.INVENTORY)
					.getBulkheadConfig()
					.getMaxConcurrentCalls()).isEqualTo(5);
			});
	}

	@Test
	void refusesAnInvalidValueAndKeepsTheSettingsInUse(CapturedOutput output) {
		inventory.stubFor(post(urlEqualTo(RESERVATIONS)).willReturn(aResponse().withStatus(503)));
		contexts().run((context) -> {
			InventoryClient client = context.getBean(InventoryClient.class);

			refresh(context, "orders.inventory.retry.max-attempts=0");
			client.reserve(UUID.randomUUID(), LINES);

			inventory.verify(exactly(3), postRequestedFor(urlEqualTo(RESERVATIONS)));
			assertThat(output).contains("Refused new value of orders.inventory.retry.maxAttempts");
		});
	}

	/**
	 * What Spring Cloud's refresh does: the environment changes, then an
	 * {@link EnvironmentChangeEvent} names the keys that changed.
	 */
	private static void refresh(AssertableApplicationContext context, String... properties) {
		ConfigurableApplicationContext source = (ConfigurableApplicationContext) context.getSourceApplicationContext();
		TestPropertyValues.of(properties).applyTo(source.getEnvironment());
		Set<String> keys = Arrays.stream(properties)
			.map((property) -> property.substring(0, property.indexOf('=')))
			.collect(Collectors.toSet());
		source.publishEvent(new EnvironmentChangeEvent(source, keys));
	}

	private static CircuitBreaker circuitBreaker(AssertableApplicationContext context) {
		return context.getBean(CircuitBreakerRegistry.class).circuitBreaker(InventoryCalls.INVENTORY);
	}

	private static ResponseDefinitionBuilder reserved() {
		return aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withTransformers("response-template")
			.withBody("{\"orderId\":\"{{jsonPath request.body '$.orderId'}}\",\"status\":\"RESERVED\",\"lines\":[]}");
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

}
