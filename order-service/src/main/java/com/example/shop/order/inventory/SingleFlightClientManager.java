package com.example.shop.order.inventory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * Lets one call at a time through to the delegate, so that a burst of orders on an
 * instance without a valid token sends one token request to auth-service, not one per
 * order. The others wait for it and then find the new token in the cache; with a valid
 * token cached, passing through is a map lookup. A caller waits no longer than
 * {@code maxWait} (the time limit of the token request) and then fails like a failed
 * token request: its order stays PENDING.
 */
final class SingleFlightClientManager implements OAuth2AuthorizedClientManager {

	private final OAuth2AuthorizedClientManager delegate;

	private final Duration maxWait;

	private final ReentrantLock lock = new ReentrantLock();

	SingleFlightClientManager(OAuth2AuthorizedClientManager delegate, Duration maxWait) {
		this.delegate = delegate;
		this.maxWait = maxWait;
	}

	@Override
	public @Nullable OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest request) {
		try {
			if (!this.lock.tryLock(this.maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new TokenUnavailableException(
						"Another call has been obtaining this service's token for longer than " + this.maxWait);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TokenUnavailableException("Interrupted while waiting for this service's token");
		}
		try {
			return this.delegate.authorize(request);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * No token could be had in time because another call was still obtaining it.
	 */
	static final class TokenUnavailableException extends RuntimeException {

		TokenUnavailableException(String message) {
			super(message);
		}

	}

}
