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
 * The rate limits, tight enough to reach: a client may burst 3 API calls, an address may
 * ask for 2 tokens and send 2 passwords to the login form, and then each gets one more a
 * minute (a request takes 60 tokens, one comes back a second). The refill is that slow on
 * purpose: no request's worth comes back while a test runs, even on a slow machine, so
 * every count below is exact. The same tests run against each limiter (in memory, in
 * Redis). Every test uses clients and addresses of its own, so that no bucket carries
 * over from another test or another run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "shop.gateway.rate-limit.api.replenish-rate=1", "shop.gateway.rate-limit.api.burst-capacity=180",
				"shop.gateway.rate-limit.api.requested-tokens=60", "shop.gateway.rate-limit.token.replenish-rate=1",
				"shop.gateway.rate-limit.token.burst-capacity=120", "shop.gateway.rate-limit.token.requested-tokens=60",
				"shop.gateway.rate-limit.login.replenish-rate=1", "shop.gateway.rate-limit.login.burst-capacity=120",
				"shop.gateway.rate-limit.login.requested-tokens=60" })
@AutoConfigureWebTestClient(timeout = "20s")
@UseTestJwtIssuer
abstract class RateLimitTestSupport {

	/** Tokens each request takes; one comes back a second. */
	static final int REQUESTED_TOKENS = 60;

	/** API requests a new client may make at once. */
	static final int API_BURST = 3;

	/** Token requests a new address may make at once. */
	static final int TOKEN_BURST = 2;

	/** Login attempts a new address may make at once. */
	static final int LOGIN_BURST = 2;

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
		assertThat(headers.getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("1");
		assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("180");
		assertThat(headers.getFirst("X-RateLimit-Requested-Tokens")).isEqualTo("60");
		// Not enough left for a request, and Retry-After says how long until there is.
		int remaining = Integer.parseInt(headers.getFirst("X-RateLimit-Remaining"));
		assertThat(remaining).isBetween(0, REQUESTED_TOKENS - 1);
		assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo(Integer.toString(REQUESTED_TOKENS - remaining));
		// Refused at the gateway: the service saw only the allowed ones.
		assertThat(Backends.ORDERS.getAllServeEvents()).hasSize(API_BURST);
	}

	@Test
	void tellsAnAllowedRequestHowManyRequestsAreLeft() {
		String client = newClient();

		readOrder(client).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "120")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "180")
			.expectHeader()
			.doesNotExist(HttpHeaders.RETRY_AFTER);
	}

	@Test
	void keepsASeparateBucketForEachClient() {
		String spent = newClient();
		String other = newClient();

		firstRefusal(() -> readOrder(spent), API_BURST);

		// A full bucket of its own: one request's tokens taken, the rest of its burst
		// left.
		readOrder(other).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "120");
		readOrder(spent).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void limitsTokenRequestsByAddressBeforeAClientHasAToken() {
		String address = newAddress();
		String otherAddress = newAddress();

		EntityExchangeResult<String> refused = firstRefusal(() -> requestToken(address), TOKEN_BURST);

		assertThat(refused.getResponseBody()).contains("too-many-requests");
		assertThat(Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L,
				(long) REQUESTED_TOKENS);
		requestToken(otherAddress).expectStatus().isOk();
	}

	@Test
	void limitsLoginAttemptsByAddressButNeverTheLoginForm() {
		String address = newAddress("auth-login");

		EntityExchangeResult<String> refused = firstRefusal(() -> logIn(address), LOGIN_BURST);

		assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getResponseBody()).contains("too-many-requests").contains("\"instance\":\"/login\"");
		assertThat(Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L,
				(long) REQUESTED_TOKENS);
		// Refused at the gateway: auth-service checked only the allowed passwords.
		assertThat(Backends.AUTH.getAllServeEvents()).hasSize(LOGIN_BURST);
		// The form itself still shows, and another address still may log in.
		for (int i = 0; i <= LOGIN_BURST; i++) {
			this.client.get().uri("/login").header("X-Forwarded-For", address).exchange().expectStatus().isOk();
		}
		logIn(newAddress("auth-login")).expectStatus().isOk();
	}

	String newClient() {
		String client = "rate-limit-test-" + UUID.randomUUID();
		this.bucketsUsed.add(new String[] { "orders", "client:" + client });
		return client;
	}

	/**
	 * An address of the IPv6 documentation prefix, as a trusted proxy in front of the
	 * gateway reports it: random in 96 bits, so that no other test or run that shares the
	 * Redis has its bucket.
	 */
	String newAddress() {
		return newAddress("auth-token");
	}

	String newAddress(String routeId) {
		String address = randomAddress();
		this.bucketsUsed.add(new String[] { routeId, "address:" + address });
		return address;
	}

	static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("2001:db8:%x:%x:%x:%x:%x:%x", random.nextInt(0x10000), random.nextInt(0x10000),
				random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000));
	}

	ResponseSpec readOrder(String client) {
		return readOrder(this.client, client);
	}

	static ResponseSpec readOrder(WebTestClient gateway, String client) {
		return gateway.get()
			.uri("/api/orders/7")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwtIssuer.shared().token(client, "orders:read"))
			.exchange();
	}

	ResponseSpec requestToken(String address) {
		return requestToken(this.client, address);
	}

	static ResponseSpec requestToken(WebTestClient gateway, String address) {
		// The gateway trusts loopback as a proxy (trusted-proxies), so it believes this
		// header.
		return gateway.post()
			.uri("/oauth2/token")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("grant_type=client_credentials")
			.exchange();
	}

	ResponseSpec logIn(String address) {
		return this.client.post()
			.uri("/login")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("username=someone&password=guess&_csrf=abc")
			.exchange();
	}

	/**
	 * Sends requests until one is refused: exactly as many as the burst must pass first.
	 */
	static EntityExchangeResult<String> firstRefusal(Supplier<ResponseSpec> request, int burst) {
		for (int sent = 0; sent <= burst; sent++) {
			EntityExchangeResult<String> result = request.get().expectBody(String.class).returnResult();
			if (result.getStatus().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
				assertThat(sent).as("requests allowed before the first refusal").isEqualTo(burst);
				return result;
			}
			assertThat(result.getStatus().value()).as("answer before the limit was reached").isEqualTo(200);
		}
		return fail("No request was refused after %d requests", burst + 1);
	}

}
