package com.example.shop.auth.key;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Replaces the authorization server's default key source, which generates a fresh key at
 * every start (so every token would die with a restart, and two instances would
 * disagree), by the key configured under {@code auth.signing}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningKeyProperties.class)
class SigningKeyConfiguration {

	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeyProperties properties) {
		return new ImmutableJWKSet<>(new JWKSet(SigningKeyFile.load(properties)));
	}

}
