package com.example.shop.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.HttpHeaders;

import com.example.shop.common.test.TestJwtIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits of a gateway without Redis settings, as {@code ./run-local.sh} starts
 * it: counted in memory, with nothing of Redis in the context.
 */
class RateLimitTest extends RateLimitTestSupport {

	@Autowired
	ApplicationContext context;

	@Test
	void startsWithoutRedisAndKeepsItOutOfTheHealth() {
		assertThat(this.context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBean(RateLimiter.class).getClass().getSimpleName())
			.isEqualTo("TokenBucketRateLimiter");

		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.client.get()
			.uri("/actuator/health")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwtIssuer.shared().token("ops-client", "ops"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.ping")
			.exists()
			.jsonPath("$.components.redis")
			.doesNotExist();
	}

}
