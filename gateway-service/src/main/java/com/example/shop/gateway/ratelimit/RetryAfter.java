package com.example.shop.gateway.ratelimit;

import org.springframework.http.HttpHeaders;

/**
 * The {@code Retry-After} of a request the rate limiter refused: whole seconds until its
 * bucket holds the tokens the request needs again.
 */
final class RetryAfter {

	static final String HEADER = HttpHeaders.RETRY_AFTER;

	private RetryAfter() {
	}

	/**
	 * Seconds until enough tokens are back.
	 * @param missingTokens tokens the bucket lacks for the request
	 * @param replenishRate tokens added a second
	 * @return at least one second
	 */
	static long seconds(double missingTokens, double replenishRate) {
		if (replenishRate <= 0 || missingTokens <= 0) {
			return 1;
		}
		return Math.max(1, (long) Math.ceil(missingTokens / replenishRate));
	}

}
