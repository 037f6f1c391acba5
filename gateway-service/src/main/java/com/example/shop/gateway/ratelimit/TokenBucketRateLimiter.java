package com.example.shop.gateway.ratelimit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.AbstractRateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.RouteDefinitionRouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.util.Assert;

/**
 * The rate limiter of a gateway without Redis: the token bucket of
 * {@link RedisRateLimiter}, kept in this process. It reads the same route arguments
 * ({@code redis-rate-limiter.replenishRate}, {@code .burstCapacity},
 * {@code .requestedTokens}) and answers with the same headers, so a route behaves alike
 * with and without Redis; only the counts are per gateway instance instead of shared.
 * <p>
 * Each route and key has a bucket that holds up to {@code burstCapacity} tokens, refills
 * at {@code replenishRate} tokens a second (continuously, not in whole seconds) and gives
 * {@code requestedTokens} to each allowed request. Memory stays bounded: a bucket that
 * has refilled completely is the same as no bucket and is dropped by a periodic sweep,
 * and when {@code maxKeys} buckets are in use at once, new keys share one overflow bucket
 * per route (limited together, never unlimited) until the sweep frees room.
 */
final class TokenBucketRateLimiter extends AbstractRateLimiter<RedisRateLimiter.Config> {

	/** Key of the bucket that keys beyond {@code maxKeys} share. */
	static final String OVERFLOW_KEY = "overflow";

	private static final long SWEEP_INTERVAL = TimeUnit.SECONDS.toNanos(10);

	/** Shortest pause between two sweeps forced by a full map. */
	private static final long FORCED_SWEEP_INTERVAL = TimeUnit.SECONDS.toNanos(1);

	private final Map<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();

	private final int maxKeys;

	private final LongSupplier nanoClock;

	private final AtomicLong lastSweep;

	TokenBucketRateLimiter(@Nullable ConfigurationService configurationService, int maxKeys, LongSupplier nanoClock) {
		super(RedisRateLimiter.Config.class, RedisRateLimiter.CONFIGURATION_PROPERTY_NAME, configurationService);
		Assert.isTrue(maxKeys > 0, "maxKeys must be positive");
		this.maxKeys = maxKeys;
		this.nanoClock = nanoClock;
		this.lastSweep = new AtomicLong(nanoClock.getAsLong());
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		RedisRateLimiter.Config config = configurationOf(routeId);
		return Mono.fromSupplier(() -> take(routeId, id, config));
	}

	/** How many buckets are held right now. */
	int bucketCount() {
		return this.buckets.size();
	}

	private Response take(String routeId, String id, RedisRateLimiter.Config config) {
		long now = this.nanoClock.getAsLong();
		sweepIfDue(now, SWEEP_INTERVAL);
		BucketKey key = new BucketKey(routeId, id);
		while (true) {
			Bucket bucket = bucketFor(key, config, now);
			Decision decision = bucket.take(config, now);
			if (decision != null) {
				return response(config, decision);
			}
			// The sweep retired this bucket between lookup and use: use its successor.
			this.buckets.remove(key, bucket);
		}
	}

	private Bucket bucketFor(BucketKey key, RedisRateLimiter.Config config, long now) {
		Bucket bucket = this.buckets.get(key);
		if (bucket != null) {
			return bucket;
		}
		BucketKey newKey = key;
		if (this.buckets.size() >= this.maxKeys) {
			sweepIfDue(now, FORCED_SWEEP_INTERVAL);
			if (this.buckets.size() >= this.maxKeys) {
				newKey = new BucketKey(key.routeId(), OVERFLOW_KEY);
			}
		}
		return this.buckets.computeIfAbsent(newKey, (created) -> new Bucket(config.getBurstCapacity(), now));
	}

	private void sweepIfDue(long now, long interval) {
		long last = this.lastSweep.get();
		if (now - last < interval || !this.lastSweep.compareAndSet(last, now)) {
			return;
		}
		this.buckets.forEach((key, bucket) -> {
			if (bucket.retireIfFull(now)) {
				this.buckets.remove(key, bucket);
			}
		});
	}

	private RedisRateLimiter.Config configurationOf(String routeId) {
		RedisRateLimiter.Config config = getConfig().get(routeId);
		if (config == null) {
			config = getConfig().get(RouteDefinitionRouteLocator.DEFAULT_FILTERS);
		}
		if (config == null) {
			throw new IllegalArgumentException("No rate limit configured for route " + routeId);
		}
		return config;
	}

	private static Response response(RedisRateLimiter.Config config, Decision decision) {
		Map<String, String> headers = new HashMap<>();
		headers.put(RedisRateLimiter.REMAINING_HEADER, Long.toString(decision.remaining()));
		headers.put(RedisRateLimiter.REPLENISH_RATE_HEADER, Integer.toString(config.getReplenishRate()));
		headers.put(RedisRateLimiter.BURST_CAPACITY_HEADER, Long.toString(config.getBurstCapacity()));
		headers.put(RedisRateLimiter.REQUESTED_TOKENS_HEADER, Integer.toString(config.getRequestedTokens()));
		if (!decision.allowed()) {
			headers.put(RetryAfter.HEADER, Long.toString(decision.retryAfterSeconds()));
		}
		return new Response(decision.allowed(), headers);
	}

	private record BucketKey(String routeId, String id) {
	}

	private record Decision(boolean allowed, long remaining, long retryAfterSeconds) {
	}

	/** One token bucket; every access holds its lock, so it needs no other care. */
	private static final class Bucket {

		private double tokens;

		private long refilledAt;

		private double replenishRate;

		private double capacity;

		/**
		 * Set once the sweep dropped it: a request that still holds it must look again.
		 */
		private boolean retired;

		Bucket(long capacity, long now) {
			this.tokens = capacity;
			this.capacity = capacity;
			this.refilledAt = now;
		}

		synchronized @Nullable Decision take(RedisRateLimiter.Config config, long now) {
			if (this.retired) {
				return null;
			}
			this.replenishRate = config.getReplenishRate();
			this.capacity = config.getBurstCapacity();
			this.tokens = tokensAt(now);
			this.refilledAt = now;
			int requested = config.getRequestedTokens();
			if (this.tokens >= requested) {
				this.tokens -= requested;
				return new Decision(true, (long) this.tokens, 0);
			}
			return new Decision(false, (long) this.tokens,
					RetryAfter.seconds(requested - this.tokens, this.replenishRate));
		}

		synchronized boolean retireIfFull(long now) {
			if (this.replenishRate > 0 && tokensAt(now) >= this.capacity) {
				this.retired = true;
			}
			return this.retired;
		}

		private double tokensAt(long now) {
			double refill = Math.max(0, now - this.refilledAt) * this.replenishRate / TimeUnit.SECONDS.toNanos(1);
			return Math.min(this.capacity, this.tokens + refill);
		}

	}

}
