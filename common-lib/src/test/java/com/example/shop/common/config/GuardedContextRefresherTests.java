package com.example.shop.common.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.shop.common.config.ConfigServerStandIn.Request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A refresh (what {@code /actuator/refresh} and the bus run) of a real config client:
 * while the config server answers it brings the new value; while the config server is
 * down or answers 503 it changes nothing and the value last served stays, where Spring
 * Cloud's own refresher would drop it and fall back to the packaged default.
 */
@ExtendWith(OutputCaptureExtension.class)
class GuardedContextRefresherTests {

	private static final String PROPERTY = ConfigServerStandIn.PROPERTY;

	private static final String CREDENTIALS = "Basic " + Base64.getEncoder()
		.encodeToString((ConfigClientApplication.USERNAME + ":" + ConfigClientApplication.PASSWORD)
			.getBytes(StandardCharsets.UTF_8));

	@Test
	void refreshWhileTheConfigServerAnswersBringsTheChangedValue() {
		try (ConfigServerStandIn server = ConfigServerStandIn.serving("served-1");
				ConfigurableApplicationContext service = ConfigClientApplication.start(server.url())) {
			assertThat(refresher(service)).isInstanceOf(GuardedContextRefresher.class);
			assertThat(service.getEnvironment().getProperty(PROPERTY)).isEqualTo("served-1");

			server.serve("served-2");
			Set<String> changed = refresher(service).refresh();

			assertThat(changed).containsExactly(PROPERTY);
			assertThat(service.getEnvironment().getProperty(PROPERTY)).isEqualTo("served-2");
		}
	}

	@Test
	void refreshWhileTheConfigServerIsDownKeepsTheValueItServed(CapturedOutput output) {
		try (ConfigServerStandIn server = ConfigServerStandIn.serving("served-1");
				ConfigurableApplicationContext service = ConfigClientApplication.start(server.url())) {
			server.serve("served-2");
			refresher(service).refresh();

			server.stop();
			Set<String> changed = refresher(service).refresh();

			assertThat(changed).isEmpty();
			assertThat(service.getEnvironment().getProperty(PROPERTY)).isEqualTo("served-2");
			assertThat(output).containsOnlyOnce("Refresh skipped: config-service at " + server.url()
					+ " does not answer; the settings it served before stay in use");
		}
	}

	@Test
	void refreshWhileTheConfigServerAnswers503KeepsTheValueItServed() {
		try (ConfigServerStandIn server = ConfigServerStandIn.serving("served-1");
				ConfigurableApplicationContext service = ConfigClientApplication.start(server.url())) {
			server.answerUnavailable();
			Set<String> changed = refresher(service).refresh();

			assertThat(changed).isEmpty();
			assertThat(service.getEnvironment().getProperty(PROPERTY)).isEqualTo("served-1");
		}
	}

	@Test
	void everyRequestToTheConfigServerCarriesTheClientsCredentials() {
		try (ConfigServerStandIn server = ConfigServerStandIn.serving("served-1");
				ConfigurableApplicationContext service = ConfigClientApplication.start(server.url())) {
			assertThat(server.requests()).as("the import at start")
				.isNotEmpty()
				.extracting(Request::authorization)
				.containsOnly(CREDENTIALS);

			server.forgetRequests();
			server.answerUnavailable();
			refresher(service).refresh();

			// Only the guard asks: the refresh stops before the config client would.
			assertThat(server.requests()).as("the guard's question before a refresh")
				.singleElement()
				.satisfies((request) -> {
					assertThat(request.line()).isEqualTo("GET /" + ConfigClientApplication.NAME + "/default");
					assertThat(request.authorization()).isEqualTo(CREDENTIALS);
				});
		}
	}

	/**
	 * The docker profile's setting: the config client fails fast. A refresh while the
	 * config server is down still changes nothing and fails nothing.
	 */
	@Test
	void refreshWhileTheConfigServerIsDownKeepsTheValueItServedWhenTheClientFailsFast() {
		try (ConfigServerStandIn server = ConfigServerStandIn.serving("served-1");
				ConfigurableApplicationContext service = ConfigClientApplication.start(server.url(),
						"--spring.cloud.config.fail-fast=true")) {
			server.stop();
			Set<String> changed = refresher(service).refresh();

			assertThat(changed).isEmpty();
			assertThat(service.getEnvironment().getProperty(PROPERTY)).isEqualTo("served-1");
		}
	}

	/**
	 * What the guard is for: without it, a refresh while the config server is down fails
	 * with the config client's error where the client fails fast (the docker profile).
	 */
	@Test
	void withoutTheGuardARefreshWhileTheConfigServerIsDownFailsWhenTheClientFailsFast() {
		try (ConfigServerStandIn server = ConfigServerStandIn.serving("served-1");
				ConfigurableApplicationContext service = ConfigClientApplication.startWithoutTheGuard(server.url(),
						"--spring.cloud.config.fail-fast=true")) {
			assertThat(refresher(service)).isNotInstanceOf(GuardedContextRefresher.class);

			server.stop();

			assertThatException().isThrownBy(() -> refresher(service).refresh()).withStackTraceContaining(server.url());
			assertThat(service.getEnvironment().getProperty(PROPERTY)).isEqualTo("served-1");
		}
	}

	/**
	 * Spring Cloud's own refresher, where the client does not fail fast (the local run),
	 * keeps the served value as well: a refresh adds and replaces property sources but
	 * never removes the config server's.
	 */
	@Test
	void withoutTheGuardARefreshWhileTheConfigServerIsDownKeepsTheServedValueWhenTheClientDoesNotFailFast() {
		try (ConfigServerStandIn server = ConfigServerStandIn.serving("served-1");
				ConfigurableApplicationContext service = ConfigClientApplication.startWithoutTheGuard(server.url())) {
			server.stop();
			Set<String> changed = refresher(service).refresh();

			assertThat(changed).isEmpty();
			assertThat(service.getEnvironment().getProperty(PROPERTY)).isEqualTo("served-1");
		}
	}

	private static ContextRefresher refresher(ConfigurableApplicationContext service) {
		return service.getBean(ContextRefresher.class);
	}

}
