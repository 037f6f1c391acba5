package com.example.shop.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.common.test.UseTestJwtIssuer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The rate limits, tight enough to reach: a client may burst 3 API calls and then gets
 * one more a second; an address may ask for 2 tokens and then one a second. The same
 * tests run against each limiter (in memory, in Redis). Every test uses clients and
 * addresses of its own, so that no bucket carries over from another test or another run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "shop.gateway.rate-limit.api.replenish-rate=1", "shop.gateway.rate-limit.api.burst-capacity=3",
				"shop.gateway.rate-limit.token.replenish-rate=1", "shop.gateway.rate-limit.token.burst-capacity=2" })
@AutoConfigureWebTestClient(timeout = "20s")
@UseTestJwtIssuer
abstract class RateLimitTestSupport {

	static final int API_BURST = 3;

	static final int TOKEN_BURST = 2;

	@Autowired
	WebTestClient client;

	/** Route ids and keys of the buckets this test used. */
	final List<String[]> bucketsUsed = new ArrayList<>();

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		Backends.register(registry);
	}

	@BeforeEach
	void answerEverything() {
		Backends.resetAll();
		Backends.ORDERS.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{\"id\":\"7\"}")));
		Backends.AUTH.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{\"access_token\":\"abc\"}")));
	}

	@Test
	void answersTooManyRequestsWithRetryAfterAndTheRateLimitHeadersOnceAClientSpentItsBurst() {
		String client = newClient();

		EntityExchangeResult<String> refused = firstRefusal(() -> readOrder(client), API_BURST);

		assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getResponseBody())
			.contains("\"type\":\"https://shop.example.com/problems/too-many-requests\"")
			.contains("\"status\":429")
			.contains("\"instance\":\"/api/orders/7\"");
		HttpHeaders headers = refused.getResponseHeaders();
		assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(headers.getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("1");
		assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("3");
		assertThat(headers.getFirst("X-RateLimit-Requested-Tokens")).isEqualTo("1");
		// Refused at the gateway: the service saw only the allowed ones.
		assertThat(Backends.ORDERS.getAllServeEvents()).hasSizeLessThanOrEqualTo(API_BURST + 1);
	}

	@Test
	void tellsAnAllowedRequestHowManyRequestsAreLeft() {
		String client = newClient();

		readOrder(client).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "2")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "3")
			.expectHeader()
			.doesNotExist(HttpHeaders.RETRY_AFTER);
	}

	@Test
	void keepsASeparateBucketForEachClient() {
		String spent = newClient();
		String other = newClient();

		firstRefusal(() -> readOrder(spent), API_BURST);

		readOrder(other).expectStatus().isOk();
		readOrder(spent).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void limitsTokenRequestsByAddressBeforeAClientHasAToken() {
		String address = newAddress();
		String otherAddress = newAddress();

		EntityExchangeResult<String> refused = firstRefusal(() -> requestToken(address), TOKEN_BURST);

		assertThat(refused.getResponseBody()).contains("too-many-requests");
		assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		requestToken(otherAddress).expectStatus().isOk();
	}

	String newClient() {
		String client = "rate-limit-test-" + UUID.randomUUID();
		this.bucketsUsed.add(new String[] { "orders", "client:" + client });
		return client;
	}

	/**
	 * An address of TEST-NET-3, as a trusted proxy in front of the gateway reports it.
	 */
	String newAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String address = "203.0." + random.nextInt(256) + "." + random.nextInt(1, 255);
		this.bucketsUsed.add(new String[] { "auth-token", "address:" + address });
		return address;
	}

	ResponseSpec readOrder(String client) {
		return this.client.get()
			.uri("/api/orders/7")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwtIssuer.shared().token(client, "orders:read"))
			.exchange();
	}

	ResponseSpec requestToken(String address) {
		// The gateway trusts loopback as a proxy (trusted-proxies), so it believes this
		// header.
		return this.client.post()
			.uri("/oauth2/token")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("grant_type=client_credentials")
			.exchange();
	}

	/**
	 * Sends requests until one is refused. As many as the burst must pass first; one more
	 * may, when a token came back in the meantime (Redis refills in whole seconds).
	 */
	static EntityExchangeResult<String> firstRefusal(Supplier<ResponseSpec> request, int burst) {
		for (int sent = 0; sent <= burst + 1; sent++) {
			EntityExchangeResult<String> result = request.get().expectBody(String.class).returnResult();
			if (result.getStatus().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
				assertThat(sent).as("requests allowed before the first refusal").isBetween(burst, burst + 1);
				return result;
			}
			assertThat(result.getStatus().value()).as("answer before the limit was reached").isEqualTo(200);
		}
		return fail("No request was refused after %d requests", burst + 2);
	}

}
