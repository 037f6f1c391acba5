package com.example.shop.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import com.example.shop.common.test.UseTestJwtIssuer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits changed in the configuration take effect at the next refresh, without a
 * restart: Spring Cloud rebinds the gateway's route definitions (whose rate limiter
 * arguments are the {@code shop.gateway.rate-limit.*} placeholders) and the gateway
 * rebuilds its routes, which hands the new arguments to the rate limiter. Run against
 * each limiter (in memory, in Redis). The tight limits are those of
 * {@link RateLimitTestSupport}: a request takes 60 tokens and one comes back a second, so
 * the counts are exact. Subclasses import their settings file with a command line
 * argument, as a refresh keeps the command line but not the test's inlined properties,
 * and delete the buckets they used.
 */
@AutoConfigureWebTestClient(timeout = "20s")
@UseTestJwtIssuer
@ExtendWith(OutputCaptureExtension.class)
abstract class LiveRateLimitTestSupport {

	/** API requests a new client may make at once with the tight limits. */
	static final int API_BURST = 3;

	/** Token requests a new address may make at once with the tight limits. */
	static final int TOKEN_BURST = 2;

	static final Map<String, String> TIGHT_LIMITS = Map.of("shop.gateway.rate-limit.api.replenish-rate", "1",
			"shop.gateway.rate-limit.api.burst-capacity", "180", "shop.gateway.rate-limit.api.requested-tokens", "60",
			"shop.gateway.rate-limit.token.replenish-rate", "1", "shop.gateway.rate-limit.token.burst-capacity", "120",
			"shop.gateway.rate-limit.token.requested-tokens", "60");

	@Autowired
	WebTestClient client;

	/** Route ids and keys of the buckets this test used. */
	final List<String[]> bucketsUsed = new ArrayList<>();

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		Backends.register(registry);
	}

	abstract LiveSettings settings();

	@BeforeEach
	void generousLimits() {
		Backends.resetAll();
		Backends.ORDERS.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{\"id\":\"7\"}")));
		Backends.AUTH.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{\"access_token\":\"abc\"}")));
		settings().write(Map.of());
		LiveSettings.refresh(this.client);
	}

	@Test
	void obeysNewRateLimitsAfterARefresh() {
		String client = newClient();
		String address = newAddress();
		readOrder(client).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Burst-Capacity", "1000");

		settings().write(TIGHT_LIMITS);
		String changed = LiveSettings.refresh(this.client);

		assertThat(changed).contains("shop.gateway.rate-limit.api.burst-capacity");
		// The client's bucket had 999 tokens: now at most 180, three requests' worth.
		EntityExchangeResult<String> refused = firstRefusal(() -> readOrder(client), API_BURST);
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("180");
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Requested-Tokens")).isEqualTo("60");
		firstRefusal(() -> requestToken(address), TOKEN_BURST);
	}

	@Test
	void keepsThePreviousRateLimitsWhenTheNewOnesAreInvalid(CapturedOutput output) {
		settings().write(TIGHT_LIMITS);
		LiveSettings.refresh(this.client);
		String client = newClient();
		int errorsBefore = errorLines(output);

		settings().write(Map.of("shop.gateway.rate-limit.api.burst-capacity", "lots"));
		LiveSettings.refresh(this.client);

		EntityExchangeResult<String> refused = firstRefusal(() -> readOrder(client), API_BURST);
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("180");
		assertThat(errorLines(output) - errorsBefore).as("ERROR lines logged for the refused settings").isEqualTo(1);
		readOrder(newClient()).expectStatus().isEqualTo(HttpStatus.OK);
	}

	String newClient() {
		String client = "live-rate-limit-test-" + UUID.randomUUID();
		this.bucketsUsed.add(new String[] { "orders", "client:" + client });
		return client;
	}

	String newAddress() {
		String address = RateLimitTestSupport.randomAddress();
		this.bucketsUsed.add(new String[] { "auth-token", "address:" + address });
		return address;
	}

	ResponseSpec readOrder(String client) {
		return RateLimitTestSupport.readOrder(this.client, client);
	}

	ResponseSpec requestToken(String address) {
		return RateLimitTestSupport.requestToken(this.client, address);
	}

	static EntityExchangeResult<String> firstRefusal(Supplier<ResponseSpec> request, int burst) {
		return RateLimitTestSupport.firstRefusal(request, burst);
	}

	/**
	 * The ERROR lines of the two loggers that report refused settings: the route locator
	 * (a route filter's argument that does not bind) and {@code LiveProperties}. Other
	 * ERROR lines of the same JVM (Netty's event loops of a context closing meanwhile,
	 * say) say nothing about the settings.
	 */
	static int errorLines(CapturedOutput output) {
		return (int) output.getOut()
			.lines()
			.filter((line) -> line.contains(" ERROR ")
					&& (line.contains("CachingRouteLocator") || line.contains("LiveProperties")))
			.count();
	}

}
