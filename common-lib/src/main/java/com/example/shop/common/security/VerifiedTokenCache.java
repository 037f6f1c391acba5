package com.example.shop.common.security;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Bearer tokens this service has already verified, each kept until it expires, so that a
 * client's next request with the same token costs a map lookup instead of an RSA
 * signature check (the largest part of the gateway's CPU per request before this cache;
 * see docs/performance.md).
 * <p>
 * Only a token the full decoder accepted (signature, issuer, expiry and every other
 * validator) is stored, and a stored token is used only while {@code exp} lies in the
 * future: an expired token is decoded again, and refused. Rejected tokens are never
 * stored. At most {@code maxSize} tokens are kept; when the cache is full the expired
 * ones are dropped, and if that frees nothing every entry is, so that a flood of distinct
 * tokens costs their verification but never memory. A key that leaves auth-service's JWKS
 * does not end the life of a token already verified here: tokens live minutes, and
 * rotation keeps the previous key published for longer than that (docs/security.md).
 */
public final class VerifiedTokenCache {

	private final ConcurrentMap<String, Jwt> tokens = new ConcurrentHashMap<>();

	private final int maxSize;

	private final Clock clock;

	/**
	 * A cache for at most this many tokens.
	 * @param maxSize the most tokens kept at once, more than 0
	 * @param clock the clock expiry is checked against
	 */
	public VerifiedTokenCache(int maxSize, Clock clock) {
		if (maxSize < 1) {
			throw new IllegalArgumentException("maxSize must be at least 1, not " + maxSize);
		}
		this.maxSize = maxSize;
		this.clock = clock;
	}

	/**
	 * The verified token for this encoded token, if it is stored and not expired.
	 * @param token the encoded token
	 * @return the decoded token, or {@code null}
	 */
	public @Nullable Jwt get(String token) {
		Jwt jwt = this.tokens.get(token);
		if (jwt == null) {
			return null;
		}
		if (!isLive(jwt, this.clock.instant())) {
			this.tokens.remove(token, jwt);
			return null;
		}
		return jwt;
	}

	/**
	 * Stores a token the decoder has just accepted; a token without an expiry is not
	 * stored.
	 * @param token the encoded token
	 * @param jwt the token as the decoder returned it
	 */
	public void put(String token, Jwt jwt) {
		Instant now = this.clock.instant();
		if (!isLive(jwt, now)) {
			return;
		}
		if (this.tokens.size() >= this.maxSize) {
			this.tokens.values().removeIf((stored) -> !isLive(stored, now));
			if (this.tokens.size() >= this.maxSize) {
				this.tokens.clear();
			}
		}
		this.tokens.put(token, jwt);
	}

	/**
	 * How many tokens are stored now, expired ones included until they are dropped.
	 * @return the number of stored tokens
	 */
	public int size() {
		return this.tokens.size();
	}

	private static boolean isLive(Jwt jwt, Instant now) {
		Instant expiresAt = jwt.getExpiresAt();
		return expiresAt != null && now.isBefore(expiresAt);
	}

}
