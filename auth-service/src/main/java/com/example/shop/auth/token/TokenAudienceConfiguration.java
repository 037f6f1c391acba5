package com.example.shop.auth.token;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Names in every access token the services it is for, from its granted scopes
 * ({@link TokenAudienceProperties}), instead of Spring Authorization Server's default
 * (the client's own id, which no service could check). Each service accepts only tokens
 * that name it ({@code spring.security.oauth2.resourceserver.jwt.audiences}), so a token
 * minted for one service cannot be replayed against another.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenAudienceProperties.class)
class TokenAudienceConfiguration {

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> audienceCustomizer(TokenAudienceProperties properties) {
		return (context) -> {
			if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				Set<String> audience = properties.audienceOf(context.getAuthorizedScopes());
				context.getClaims().audience(List.copyOf(audience));
			}
		};
	}

}
