package com.example.shop.common.lifecycle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopping service waits for the drain delay before anything else stops (Spring Boot's
 * graceful shutdown of the web server stops in a lower phase), and not at all by default.
 */
class ShutdownDrainAutoConfigurationTests {

	private static final List<String> events = new CopyOnWriteArrayList<>();

	private static volatile long webServerStoppedAt;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ShutdownDrainAutoConfiguration.class))
		.withUserConfiguration(WebServerStandIn.class);

	@Test
	void waitsForTheDrainDelayBeforeTheWebServerStops() {
		events.clear();
		long[] closed = new long[1];
		this.contextRunner.withPropertyValues("shop.shutdown.drain-delay=400ms").run((context) -> {
			events.add("running");
			closed[0] = System.nanoTime();
		});
		long webServerStoppedAfterMillis = (webServerStoppedAt - closed[0]) / 1_000_000;

		assertThat(webServerStoppedAfterMillis).isGreaterThanOrEqualTo(400);
		assertThat(events).containsExactly("running", "web server stopped");
	}

	@Test
	void stopsAtOnceByDefault() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(ShutdownDrainProperties.class).drainDelay()).isZero());
	}

	@Test
	void refusesANegativeDelay() {
		this.contextRunner.withPropertyValues("shop.shutdown.drain-delay=-1s")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	static class WebServerStandIn {

		/** Stops in the phase of Spring Boot's graceful shutdown of the web server. */
		@Bean
		SmartLifecycle webServerStandIn() {
			return new SmartLifecycle() {

				private volatile boolean running;

				@Override
				public void start() {
					this.running = true;
				}

				@Override
				public void stop() {
					this.running = false;
					webServerStoppedAt = System.nanoTime();
					events.add("web server stopped");
				}

				@Override
				public boolean isRunning() {
					return this.running;
				}

				@Override
				public int getPhase() {
					return SmartLifecycle.DEFAULT_PHASE - 1024;
				}

			};
		}

	}

}
