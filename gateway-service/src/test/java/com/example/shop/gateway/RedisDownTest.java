package com.example.shop.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.common.test.UseTestJwtIssuer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway configured for a Redis that is down: the rate limiter fails open, so the API
 * keeps answering (unlimited until Redis is back) instead of answering 5xx to everyone,
 * and the gateway stays ready.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "shop.gateway.rate-limit.api.replenish-rate=1", "shop.gateway.rate-limit.api.burst-capacity=1" })
@AutoConfigureWebTestClient(timeout = "20s")
@UseTestJwtIssuer
class RedisDownTest {

	private static final int REDIS_PORT = closedPort();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void deadRedis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", () -> REDIS_PORT);
		Backends.register(registry);
	}

	@BeforeEach
	void answerEverything() {
		Backends.resetAll();
		Backends.ORDERS.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{\"id\":\"7\"}")));
	}

	@Test
	void letsRequestsThroughWhenRedisIsDown() {
		String token = "Bearer " + TestJwtIssuer.shared().token("client-a", "orders:read");

		long started = System.nanoTime();
		for (int i = 0; i < 5; i++) {
			this.client.get()
				.uri("/api/orders/7")
				.header(HttpHeaders.AUTHORIZATION, token)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-RateLimit-Remaining", "-1");
		}

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(Backends.ORDERS.getAllServeEvents()).hasSize(5);
	}

	@Test
	void staysReadyWhileRedisIsDown() {
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	/** A loopback port that was free a moment ago and has nothing listening now. */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
