package com.example.shop.gateway.ratelimit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Spring Cloud Gateway's {@link RedisRateLimiter} (one token bucket per route and key in
 * Redis, shared by every gateway instance), with a {@code Retry-After} header on the
 * requests it refuses: the seconds until the bucket holds the requested tokens again,
 * computed from the headers it already answers with.
 * <p>
 * Like its parent it fails open: when Redis cannot be reached the request is allowed
 * (with {@code X-RateLimit-Remaining: -1}) and the error is logged, so that an outage of
 * Redis never turns into an outage of the API.
 */
class RetryAfterRedisRateLimiter extends RedisRateLimiter {

	RetryAfterRedisRateLimiter(ReactiveStringRedisTemplate redisTemplate, RedisScript<List<Long>> script,
			ConfigurationService configurationService) {
		super(redisTemplate, script, configurationService);
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		return super.isAllowed(routeId, id)
			.map((response) -> response.isAllowed() ? response : withRetryAfter(response));
	}

	private static Response withRetryAfter(Response response) {
		Map<String, String> headers = new HashMap<>(response.getHeaders());
		double remaining = number(headers.get(REMAINING_HEADER), 0);
		double requested = number(headers.get(REQUESTED_TOKENS_HEADER), 1);
		double replenishRate = number(headers.get(REPLENISH_RATE_HEADER), 1);
		headers.put(RetryAfter.HEADER, Long.toString(RetryAfter.seconds(requested - remaining, replenishRate)));
		return new Response(false, headers);
	}

	private static double number(@Nullable String value, double fallback) {
		try {
			return (value != null) ? Double.parseDouble(value) : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}
