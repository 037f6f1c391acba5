package com.example.shop.order.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A burst of calls without a cached token asks for one token, not one per call, and a
 * caller waits no longer than the time limit for a token request that hangs.
 */
class SingleFlightClientManagerTests {

	private static final ClientRegistration REGISTRATION = ClientRegistration.withRegistrationId("inventory")
		.clientId("order-service")
		.clientSecret("secret")
		.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
		.tokenUri("http://localhost/oauth2/token")
		.build();

	private static final OAuth2AuthorizeRequest REQUEST = OAuth2AuthorizeRequest.withClientRegistrationId("inventory")
		.principal(new TestingAuthenticationToken("order-service", null, AuthorityUtils.NO_AUTHORITIES))
		.build();

	@Test
	void asksForOneTokenWhenManyCallsFindNoneCached() throws Exception {
		CachingTokenSource tokens = new CachingTokenSource(Duration.ofMillis(300));
		SingleFlightClientManager manager = new SingleFlightClientManager(tokens, Duration.ofSeconds(3));
		int calls = 20;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<OAuth2AuthorizedClient>> results = new ArrayList<>();
		ExecutorService callers = Executors.newFixedThreadPool(calls);
		try {
			for (int i = 0; i < calls; i++) {
				results.add(callers.submit(() -> {
					start.await();
					return manager.authorize(REQUEST);
				}));
			}
			start.countDown();
			for (Future<OAuth2AuthorizedClient> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS).getAccessToken().getTokenValue()).isEqualTo("token-1");
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(tokens.requests).hasValue(1);
	}

	@Test
	void givesUpAfterTheTimeLimitWhileAnotherCallHangsOnTheTokenRequest() throws Exception {
		CachingTokenSource tokens = new CachingTokenSource(Duration.ofSeconds(5));
		SingleFlightClientManager manager = new SingleFlightClientManager(tokens, Duration.ofMillis(200));
		ExecutorService first = Executors.newSingleThreadExecutor();
		try {
			first.submit(() -> manager.authorize(REQUEST));
			tokens.started.await(5, TimeUnit.SECONDS);

			long before = System.nanoTime();
			assertThatExceptionOfType(SingleFlightClientManager.TokenUnavailableException.class)
				.isThrownBy(() -> manager.authorize(REQUEST));
			assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(4));
		}
		finally {
			first.shutdownNow();
		}
	}

	/**
	 * Stands in for Spring Security's manager with its in-memory cache: a call finds the
	 * cached token or requests one, which takes {@code latency}.
	 */
	private static final class CachingTokenSource implements OAuth2AuthorizedClientManager {

		private final Duration latency;

		private final AtomicInteger requests = new AtomicInteger();

		private final AtomicReference<OAuth2AuthorizedClient> cached = new AtomicReference<>();

		private final CountDownLatch started = new CountDownLatch(1);

		CachingTokenSource(Duration latency) {
			this.latency = latency;
		}

		@Override
		public OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest request) {
			OAuth2AuthorizedClient client = this.cached.get();
			if (client != null) {
				return client;
			}
			int number = this.requests.incrementAndGet();
			this.started.countDown();
			try {
				Thread.sleep(this.latency.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			Instant now = Instant.now();
			client = new OAuth2AuthorizedClient(REGISTRATION, "order-service", new OAuth2AccessToken(
					OAuth2AccessToken.TokenType.BEARER, "token-" + number, now, now.plusSeconds(300)));
			this.cached.set(client);
			return client;
		}

	}

}
