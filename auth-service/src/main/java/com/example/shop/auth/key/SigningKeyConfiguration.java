package com.example.shop.auth.key;

import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Replaces the authorization server's default key source, which generates a fresh key at
 * every start (so every token would die with a restart, and two instances would
 * disagree), by the keys configured under {@code auth.signing}: the current key signs
 * every token ({@link JwtEncoder}); the JWKS publishes it and the previous keys, so that
 * the tokens they signed stay valid through a rotation (docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningKeyProperties.class)
class SigningKeyConfiguration {

	@Bean
	RSAKey signingKey(SigningKeyProperties properties) {
		return SigningKeyFile.load(properties);
	}

	/**
	 * What the JWKS endpoint publishes (public halves only) and auth-service verifies its
	 * own tokens with: the current key first, then the previous ones.
	 */
	@Bean
	JWKSource<SecurityContext> jwkSource(RSAKey signingKey, SigningKeyProperties properties) {
		List<JWK> keys = new ArrayList<>();
		keys.add(signingKey);
		keys.addAll(SigningKeyFile.loadPrevious(properties, signingKey));
		return new ImmutableJWKSet<>(new JWKSet(keys));
	}

	/**
	 * Signs with the current key alone: given the whole key set, the encoder would find
	 * several RS256 keys and refuse to choose.
	 */
	@Bean
	JwtEncoder jwtEncoder(RSAKey signingKey) {
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKey)));
	}

}
