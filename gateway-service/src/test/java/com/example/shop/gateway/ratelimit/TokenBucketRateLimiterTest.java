package com.example.shop.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenBucketRateLimiterTest {

	private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));

	@Test
	void allowsTheBurstThenRefusesWithRetryAfterAndTheUsualHeaders() {
		TokenBucketRateLimiter limiter = limiter(100, 2, 3, 1);

		assertThat(remaining(limiter, "client:a")).containsExactly("2", "1", "0");
		Response refused = take(limiter, "client:a");

		assertThat(refused.isAllowed()).isFalse();
		assertThat(refused.getHeaders()).containsEntry("X-RateLimit-Remaining", "0")
			.containsEntry("X-RateLimit-Replenish-Rate", "2")
			.containsEntry("X-RateLimit-Burst-Capacity", "3")
			.containsEntry("X-RateLimit-Requested-Tokens", "1")
			.containsEntry("Retry-After", "1");
	}

	@Test
	void refillsAtTheReplenishRate() {
		TokenBucketRateLimiter limiter = limiter(100, 2, 3, 1);
		remaining(limiter, "client:a");

		advance(499);
		assertThat(take(limiter, "client:a").isAllowed()).isFalse();
		advance(2);
		assertThat(take(limiter, "client:a").isAllowed()).isTrue();
		advance(10_000);
		assertThat(remaining(limiter, "client:a")).containsExactly("2", "1", "0");
	}

	@Test
	void asksForAsManySecondsAsTheMissingTokensNeed() {
		TokenBucketRateLimiter limiter = limiter(100, 1, 5, 5);
		assertThat(take(limiter, "client:a").isAllowed()).isTrue();

		assertThat(take(limiter, "client:a").getHeaders()).containsEntry("Retry-After", "5");
		advance(2_500);
		assertThat(take(limiter, "client:a").getHeaders()).containsEntry("Retry-After", "3");
	}

	@Test
	void keepsABucketPerRouteAndKey() {
		TokenBucketRateLimiter limiter = limiter(100, 1, 1, 1);
		limiter.getConfig().put("inventory", config(1, 1, 1));

		assertThat(take(limiter, "client:a").isAllowed()).isTrue();
		assertThat(take(limiter, "client:a").isAllowed()).isFalse();
		assertThat(take(limiter, "client:b").isAllowed()).isTrue();
		assertThat(limiter.isAllowed("inventory", "client:a").block().isAllowed()).isTrue();
	}

	@Test
	void dropsBucketsThatRefilledCompletely() {
		TokenBucketRateLimiter limiter = limiter(100, 10, 10, 1);
		for (int i = 0; i < 50; i++) {
			take(limiter, "address:10.0.0." + i);
		}
		assertThat(limiter.bucketCount()).isEqualTo(50);

		advance(11_000);
		take(limiter, "address:10.0.1.1");

		assertThat(limiter.bucketCount()).isOne();
	}

	@Test
	void sharesOneOverflowBucketOnceItHoldsTheMostKeysAllowed() {
		TokenBucketRateLimiter limiter = limiter(2, 1, 2, 1);
		take(limiter, "client:a");
		take(limiter, "client:b");

		assertThat(take(limiter, "client:c").isAllowed()).isTrue();
		assertThat(take(limiter, "client:d").isAllowed()).isTrue();
		// c and d drew from the same overflow bucket: it is empty now.
		assertThat(take(limiter, "client:e").isAllowed()).isFalse();
		assertThat(limiter.bucketCount()).isEqualTo(3);
		// Known keys keep their own bucket.
		assertThat(take(limiter, "client:a").isAllowed()).isTrue();
	}

	@Test
	void allowsExactlyTheBurstToManyThreadsAtOnce() throws Exception {
		TokenBucketRateLimiter limiter = limiter(100, 1, 500, 1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Integer>> tasks = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				tasks.add(() -> {
					int allowed = 0;
					for (int i = 0; i < 250; i++) {
						allowed += take(limiter, "client:busy").isAllowed() ? 1 : 0;
					}
					return allowed;
				});
			}
			int allowed = 0;
			for (Future<Integer> result : pool.invokeAll(tasks)) {
				allowed += result.get();
			}

			assertThat(allowed).isEqualTo(500);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void refusesARouteWithoutLimits() {
		TokenBucketRateLimiter limiter = limiter(100, 1, 1, 1);

		assertThatIllegalArgumentException().isThrownBy(() -> limiter.isAllowed("unknown", "client:a"));
	}

	private TokenBucketRateLimiter limiter(int maxKeys, int replenishRate, long burstCapacity, int requestedTokens) {
		TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(null, maxKeys, this.now::get);
		limiter.getConfig().put("orders", config(replenishRate, burstCapacity, requestedTokens));
		return limiter;
	}

	private static RedisRateLimiter.Config config(int replenishRate, long burstCapacity, int requestedTokens) {
		return new RedisRateLimiter.Config().setReplenishRate(replenishRate)
			.setBurstCapacity(burstCapacity)
			.setRequestedTokens(requestedTokens);
	}

	private static Response take(TokenBucketRateLimiter limiter, String key) {
		return limiter.isAllowed("orders", key).block();
	}

	/** Takes until refused; the remaining counts of the allowed ones. */
	private static List<String> remaining(TokenBucketRateLimiter limiter, String key) {
		List<String> remaining = new ArrayList<>();
		Response response = take(limiter, key);
		while (response.isAllowed()) {
			remaining.add(response.getHeaders().get("X-RateLimit-Remaining"));
			response = take(limiter, key);
		}
		return remaining;
	}

	private void advance(long millis) {
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
