package com.example.shop.common.metrics;

import java.util.Map;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Framework meters without a description get the shared help text; nothing else changes.
 */
class MeterDescriptionsTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	MeterDescriptionsTests() {
		this.registry.config().meterFilter(MeterDescriptions.shared());
	}

	@Test
	void describesTheHttpServerAndClientTimers() {
		Timer server = Timer.builder("http.server.requests").tag("uri", "/api/orders").register(this.registry);
		LongTaskTimer active = LongTaskTimer.builder("http.server.requests.active").register(this.registry);
		Timer client = Timer.builder("http.client.requests").register(this.registry);

		assertThat(server.getId().getDescription()).startsWith("Duration of the HTTP requests this service answered");
		assertThat(server.getId().getTag("uri")).isEqualTo("/api/orders");
		assertThat(active.getId().getDescription())
			.isEqualTo(MeterDescriptions.SHARED.get("http.server.requests.active"));
		assertThat(client.getId().getDescription()).startsWith("Duration of the HTTP requests this service sent");
	}

	@Test
	void keepsADescriptionAMeterHasAndLeavesOtherMetersAlone() {
		Timer described = Timer.builder("http.server.requests").description("its own").register(this.registry);
		Timer other = Timer.builder("some.other.timer").register(this.registry);

		assertThat(described.getId().getDescription()).isEqualTo("its own");
		assertThat(other.getId().getDescription()).isNull();
	}

	@Test
	void takesTheDescriptionsOfAService() {
		this.registry.config().meterFilter(MeterDescriptions.of(Map.of("some.other.timer", "Something timed")));

		assertThat(Timer.builder("some.other.timer").register(this.registry).getId().getDescription())
			.isEqualTo("Something timed");
	}

}
