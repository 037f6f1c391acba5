package com.example.shop.gateway;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import com.example.shop.common.test.TestJwtIssuer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings that take effect at {@code POST /actuator/refresh} without a restart, in a
 * gateway without Redis: the rate limits (tests of {@link LiveRateLimitTestSupport}), the
 * largest request body, the routes' time limits and the log levels. Only the ops scope
 * may refresh.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		args = "--spring.config.import=optional:file:" + LiveSettingsTest.SETTINGS_FILE)
class LiveSettingsTest extends LiveRateLimitTestSupport {

	static final String SETTINGS_FILE = "target/live-settings/live-settings-test.properties";

	static final LiveSettings SETTINGS = new LiveSettings(SETTINGS_FILE);

	/** A logger nothing else configures. */
	private static final String PROBE_LOGGER = "com.example.shop.gateway.LiveSettingsTest.probe";

	@AfterAll
	static void deleteSettings() {
		SETTINGS.delete();
	}

	@Override
	LiveSettings settings() {
		return SETTINGS;
	}

	@Test
	void refusesARefreshWithoutTheOpsScope() {
		this.client.post()
			.uri("/actuator/refresh")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.post()
			.uri("/actuator/refresh")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwtIssuer.shared().token("client-a", "orders:read"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403);
	}

	@Test
	void appliesANewLargestRequestBodyAfterARefresh() {
		String body = "{\"note\":\"" + "x".repeat(2000) + "\"}";
		placeOrder(body).expectStatus().isOk();

		settings().write(Map.of("shop.gateway.max-request-body", "1KB"));
		LiveSettings.refresh(this.client);

		placeOrder(body).expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		placeOrder("{}").expectStatus().isOk();
	}

	@Test
	void appliesANewTimeLimitAfterARefresh() {
		Backends.INVENTORY.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(1_500).withBody("{}")));
		readItem().expectStatus().isOk();

		settings().write(Map.of("shop.gateway.circuit-breaker.time-limit", "500ms"));
		LiveSettings.refresh(this.client);

		readItem().expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("time limit"));
	}

	@Test
	void keepsThePreviousTimeLimitWhenTheNewOneIsInvalid(CapturedOutput output) {
		Backends.INVENTORY.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(1_500).withBody("{}")));
		int errorsBefore = errorLines(output);

		settings().write(Map.of("shop.gateway.circuit-breaker.time-limit", "0s"));
		LiveSettings.refresh(this.client);

		readItem().expectStatus().isOk();
		assertThat(errorLines(output) - errorsBefore).as("ERROR lines logged for the refused settings").isEqualTo(1);
		assertThat(output.getOut()).contains("keeping the old settings of shop.gateway.circuit-breaker");
	}

	@Test
	void appliesNewLogLevelsAfterARefresh() {
		Log probe = LogFactory.getLog(PROBE_LOGGER);
		assertThat(probe.isDebugEnabled()).isFalse();

		settings().write(Map.of("logging.level." + PROBE_LOGGER, "DEBUG"));
		LiveSettings.refresh(this.client);

		assertThat(probe.isDebugEnabled()).isTrue();
	}

	private ResponseSpec placeOrder(String body) {
		return this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwtIssuer.shared().token("live-client", "orders:write"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private ResponseSpec readItem() {
		return this.client.get()
			.uri("/api/inventory/items/1")
			.header(HttpHeaders.AUTHORIZATION,
					"Bearer " + TestJwtIssuer.shared().token("live-client", "inventory:read"))
			.exchange();
	}

}
