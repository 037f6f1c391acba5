package com.example.shop.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

import com.example.shop.common.test.TestJwtIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits of a gateway with {@code spring.data.redis.host} set, as in
 * docker-compose: every bucket lives in the Redis on {@code 127.0.0.1:6379}. Without that
 * Redis these tests fail; they never skip. Other runs may share the Redis, so every key a
 * test creates is of its own and deleted afterwards.
 */
@TestPropertySource(properties = { "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379" })
class RedisRateLimitTest extends RateLimitTestSupport {

	@Autowired
	ApplicationContext context;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@BeforeAll
	static void requireRedis() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 6379), 2_000);
			socket.setSoTimeout(2_000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			byte[] answer = socket.getInputStream().readNBytes(7);
			assertThat(new String(answer, StandardCharsets.US_ASCII)).as("answer of Redis to PING")
				.isEqualTo("+PONG\r\n");
		}
		catch (IOException ex) {
			throw new AssertionError("These tests need a Redis on 127.0.0.1:6379, and none answers: " + ex, ex);
		}
	}

	@AfterEach
	void deleteTheBucketsOfThisTest() {
		for (String[] bucket : this.bucketsUsed) {
			String prefix = "request_rate_limiter.{" + bucket[0] + "." + bucket[1] + "}.";
			this.redis.delete(prefix + "tokens", prefix + "timestamp").block(Duration.ofSeconds(5));
		}
	}

	@Test
	void keepsTheBucketsInRedis() {
		assertThat(this.context.getBean(RateLimiter.class)).isInstanceOf(RedisRateLimiter.class);
		String client = newClient();

		readOrder(client).expectStatus().isOk();

		String tokens = this.redis.opsForValue()
			.get("request_rate_limiter.{orders.client:" + client + "}.tokens")
			.block(Duration.ofSeconds(5));
		assertThat(tokens).isEqualTo("120");
	}

	@Test
	void reportsRedisInTheHealth() {
		this.client.get()
			.uri("/actuator/health")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwtIssuer.shared().token("ops-client", "ops"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.redis.status")
			.isEqualTo("UP");
	}

}
