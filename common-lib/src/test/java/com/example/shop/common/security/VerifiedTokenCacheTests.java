package com.example.shop.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.example.shop.common.test.TestJwtIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A token is verified once, with real RS256 signatures and auth-service's kind of JWKS:
 * later requests with the same token reuse the result until the token expires, and a
 * token the decoder refused is refused again, every time.
 */
class VerifiedTokenCacheTests {

	private static final TestJwtIssuer issuer = TestJwtIssuer.shared();

	private final AtomicInteger verifications = new AtomicInteger();

	private final JwtDecoder real = NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();

	private final JwtDecoder counting = (token) -> {
		this.verifications.incrementAndGet();
		return this.real.decode(token);
	};

	@Test
	void verifiesATokenOnceWhileItLives() {
		JwtDecoder decoder = new CachingJwtDecoder(this.counting, new VerifiedTokenCache(10, Clock.systemUTC()));
		String token = issuer.token("client-a", "orders:read");

		Jwt first = decoder.decode(token);
		Jwt second = decoder.decode(token);

		assertThat(second).isSameAs(first);
		assertThat(second.getSubject()).isEqualTo("client-a");
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void decodesAgainOnceTheTokenHasExpired() {
		MovableClock clock = new MovableClock();
		VerifiedTokenCache cache = new VerifiedTokenCache(10, clock);
		JwtDecoder decoder = new CachingJwtDecoder(this.counting, cache);
		String token = issuer.token("client-a", "orders:read");
		Jwt jwt = decoder.decode(token);

		clock.now = jwt.getExpiresAt();

		assertThat(cache.get(token)).isNull();
		assertThat(cache.size()).isZero();
		decoder.decode(token);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void neverStoresARefusedToken() {
		VerifiedTokenCache cache = new VerifiedTokenCache(10, Clock.systemUTC());
		JwtDecoder decoder = new CachingJwtDecoder(this.counting, cache);
		String forged = issuer.tokenWithForeignSignature("client-a", "orders:read");
		String expired = issuer.expiredToken("client-a", "orders:read");

		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(forged));
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(expired));
		}

		assertThat(this.verifications).hasValue(4);
		assertThat(cache.size()).isZero();
	}

	@Test
	void keepsAtMostItsSizeAndDropsExpiredTokensFirst() {
		MovableClock clock = new MovableClock();
		VerifiedTokenCache cache = new VerifiedTokenCache(3, clock);
		cache.put("short-1", jwt(clock.now.plusSeconds(10)));
		cache.put("short-2", jwt(clock.now.plusSeconds(10)));
		cache.put("long", jwt(clock.now.plusSeconds(600)));
		clock.now = clock.now.plusSeconds(60);

		cache.put("new", jwt(clock.now.plusSeconds(600)));

		assertThat(cache.size()).isEqualTo(2);
		assertThat(cache.get("long")).isNotNull();
		assertThat(cache.get("new")).isNotNull();

		cache.put("third", jwt(clock.now.plusSeconds(600)));
		cache.put("fourth", jwt(clock.now.plusSeconds(600)));

		assertThat(cache.size()).as("full of live tokens: emptied, then the new one stored").isEqualTo(1);
		assertThat(cache.get("fourth")).isNotNull();
	}

	@Test
	void reactiveDecoderVerifiesOnceToo() {
		AtomicInteger reactiveVerifications = new AtomicInteger();
		ReactiveJwtDecoder counting = (token) -> Mono.fromCallable(() -> {
			reactiveVerifications.incrementAndGet();
			return this.real.decode(token);
		});
		ReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(counting,
				new VerifiedTokenCache(10, Clock.systemUTC()));
		String token = issuer.token("client-b", "inventory:read");
		String forged = issuer.tokenWithForeignSignature("client-b", "inventory:read");

		assertThat(decoder.decode(token).block().getSubject()).isEqualTo("client-b");
		assertThat(decoder.decode(token).block().getSubject()).isEqualTo("client-b");
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(forged).block());
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(forged).block());

		assertThat(reactiveVerifications).hasValue(3);
	}

	@Test
	void wrapsTheServicesDecoderUnlessSwitchedOff() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(VerifiedTokenCacheAutoConfiguration.class))
			.withUserConfiguration(Decoders.class);

		runner.run((context) -> {
			assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(CachingJwtDecoder.class);
			assertThat(context.getBean(ReactiveJwtDecoder.class)).isInstanceOf(CachingReactiveJwtDecoder.class);
		});
		runner.withPropertyValues(VerifiedTokenCacheAutoConfiguration.MAX_SIZE_PROPERTY + "=0").run((context) -> {
			assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(NimbusJwtDecoder.class);
			assertThat(context.getBean(ReactiveJwtDecoder.class)).isNotInstanceOf(CachingReactiveJwtDecoder.class);
		});
	}

	private static Jwt jwt(Instant expiresAt) {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("s")
			.issuedAt(expiresAt.minus(Duration.ofMinutes(15)))
			.expiresAt(expiresAt)
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	static class Decoders {

		@Bean
		JwtDecoder jwtDecoder() {
			return NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();
		}

		@Bean
		ReactiveJwtDecoder reactiveJwtDecoder() {
			JwtDecoder real = NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();
			return (token) -> Mono.fromCallable(() -> real.decode(token));
		}

	}

	private static final class MovableClock extends Clock {

		Instant now = Instant.now();

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
