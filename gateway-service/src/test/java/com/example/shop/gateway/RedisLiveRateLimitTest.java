package com.example.shop.gateway;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Live rate limits with the buckets in the Redis on {@code 127.0.0.1:6379} (fails without
 * it, never skips); every key a test creates is of its own and deleted afterwards.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		args = "--spring.config.import=optional:file:" + RedisLiveRateLimitTest.SETTINGS_FILE,
		properties = { "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379" })
class RedisLiveRateLimitTest extends LiveRateLimitTestSupport {

	static final String SETTINGS_FILE = "target/live-settings/redis-live-rate-limit-test.properties";

	static final LiveSettings SETTINGS = new LiveSettings(SETTINGS_FILE);

	@Autowired
	ReactiveStringRedisTemplate redis;

	@BeforeAll
	static void requireRedis() {
		RedisRateLimitTest.requireRedis();
	}

	@AfterAll
	static void deleteSettings() {
		SETTINGS.delete();
	}

	@AfterEach
	void deleteTheBucketsOfThisTest() {
		for (String[] bucket : this.bucketsUsed) {
			String prefix = "request_rate_limiter.{" + bucket[0] + "." + bucket[1] + "}.";
			this.redis.delete(prefix + "tokens", prefix + "timestamp").block(Duration.ofSeconds(5));
		}
	}

	@Override
	LiveSettings settings() {
		return SETTINGS;
	}

}
