package com.example.shop.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitKeysTest {

	private final RateLimitKeys keys = new RateLimitKeys("127\\.0\\.0\\.1|10\\.0\\.0\\.\\d+");

	@Test
	void countsAnAuthenticatedRequestAgainstTheSubjectOfItsToken() {
		ServerWebExchange exchange = withPrincipal(request("192.0.2.1").build(), token("demo-client"));

		assertThat(resolve(this.keys.byClient(), exchange)).isEqualTo("client:demo-client");
	}

	@Test
	void countsARequestWithoutTokenAgainstItsAddress() {
		assertThat(resolve(this.keys.byClient(), MockServerWebExchange.from(request("192.0.2.1"))))
			.isEqualTo("address:192.0.2.1");
	}

	@Test
	void countsATokenWithoutSubjectAgainstTheAddress() {
		ServerWebExchange exchange = withPrincipal(request("192.0.2.1").build(), token(null));

		assertThat(resolve(this.keys.byClient(), exchange)).isEqualTo("address:192.0.2.1");
	}

	@Test
	void countsOnlyValidatedTokensAsClients() {
		ServerWebExchange exchange = withPrincipal(request("192.0.2.1").build(),
				new TestingAuthenticationToken("someone", "secret"));

		assertThat(resolve(this.keys.byClient(), exchange)).isEqualTo("address:192.0.2.1");
	}

	@Test
	void countsTheTokenRouteAgainstTheAddressEvenWithAToken() {
		ServerWebExchange exchange = withPrincipal(request("192.0.2.1").build(), token("demo-client"));

		assertThat(resolve(this.keys.byAddress(), exchange)).isEqualTo("address:192.0.2.1");
	}

	@Test
	void ignoresForwardedAddressesFromAPeerThatIsNoTrustedProxy() {
		MockServerHttpRequest request = request("192.0.2.1").header("X-Forwarded-For", "198.51.100.7").build();

		assertThat(this.keys.clientAddress(request)).isEqualTo("192.0.2.1");
	}

	@Test
	void takesTheAddressATrustedProxySawNotOneTheClientWroteInFront() {
		// The client sent "X-Forwarded-For: 198.51.100.66"; its proxy appended what it
		// saw.
		MockServerHttpRequest request = request("127.0.0.1").header("X-Forwarded-For", "198.51.100.66, 203.0.113.9")
			.build();

		assertThat(this.keys.clientAddress(request)).isEqualTo("203.0.113.9");
	}

	@Test
	void skipsEveryTrustedProxyInTheChain() {
		MockServerHttpRequest request = request("127.0.0.1").header("X-Forwarded-For", "203.0.113.9, 10.0.0.2")
			.header("X-Forwarded-For", "10.0.0.3")
			.build();

		assertThat(this.keys.clientAddress(request)).isEqualTo("203.0.113.9");
	}

	@Test
	void usesTheTrustedPeerItselfWhenNothingWasForwarded() {
		assertThat(this.keys.clientAddress(request("127.0.0.1").build())).isEqualTo("127.0.0.1");
	}

	@Test
	void trustsNoProxyWithoutTrustedProxies() {
		RateLimitKeys trustingNobody = new RateLimitKeys(null);
		MockServerHttpRequest request = request("127.0.0.1").header("X-Forwarded-For", "203.0.113.9").build();

		assertThat(trustingNobody.clientAddress(request)).isEqualTo("127.0.0.1");
	}

	@Test
	void sharesOneBucketAmongRequestsWithoutAnyAddressRatherThanRefusingOrFreeingThem() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders"));

		assertThat(resolve(this.keys.byClient(), exchange)).isEqualTo("address:unknown");
		assertThat(resolve(this.keys.byAddress(), exchange)).isEqualTo("address:unknown");
	}

	private static MockServerHttpRequest.BaseBuilder<?> request(String peer) {
		return MockServerHttpRequest.get("/api/orders").remoteAddress(new InetSocketAddress(peer, 40_000));
	}

	private static ServerWebExchange withPrincipal(MockServerHttpRequest request, java.security.Principal principal) {
		return MockServerWebExchange.from(request).mutate().principal(Mono.just(principal)).build();
	}

	private static JwtAuthenticationToken token(String subject) {
		Jwt.Builder jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.claim("scope", List.of("orders:read"));
		if (subject != null) {
			jwt.subject(subject);
		}
		return new JwtAuthenticationToken(jwt.build());
	}

	private static String resolve(KeyResolver resolver, ServerWebExchange exchange) {
		return resolver.resolve(exchange).block();
	}

}
