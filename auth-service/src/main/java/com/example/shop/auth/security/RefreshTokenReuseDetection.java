package com.example.shop.auth.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * Spring Authorization Server's refresh grant, plus what makes rotated refresh tokens
 * worth rotating (RFC 9700, section 4.14.2): a refresh token that was already exchanged
 * for a new one and comes back means that two parties hold the user's tokens, the client
 * and someone who stole one. Which of them is which cannot be told, so the whole
 * authorization ends: the current refresh token stops working too, and the user signs in
 * again. Access tokens already issued stay valid until they expire (minutes), as every
 * self-contained JWT does.
 * <p>
 * Rotated-out refresh tokens are remembered as SHA-256 digests until they would have
 * expired, in memory, like the authorizations themselves (Spring Authorization Server's
 * in-memory store): a restart forgets both.
 */
final class RefreshTokenReuseDetection implements AuthenticationProvider {

	private final AuthenticationProvider refreshGrant;

	private final OAuth2AuthorizationService authorizations;

	private final Clock clock;

	/** The authorization of each rotated-out refresh token, by the token's digest. */
	private final Map<String, Retired> retired = new ConcurrentHashMap<>();

	RefreshTokenReuseDetection(AuthenticationProvider refreshGrant, OAuth2AuthorizationService authorizations,
			Clock clock) {
		this.refreshGrant = refreshGrant;
		this.authorizations = authorizations;
		this.clock = clock;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) {
		String presented = ((OAuth2RefreshTokenAuthenticationToken) authentication).getRefreshToken();
		Retired reused = this.retired.remove(digest(presented));
		if (reused != null) {
			OAuth2Authorization authorization = this.authorizations.findById(reused.authorizationId());
			if (authorization != null) {
				this.authorizations.remove(authorization);
			}
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
		}
		OAuth2Authorization before = this.authorizations.findByToken(presented, OAuth2TokenType.REFRESH_TOKEN);
		Authentication result = this.refreshGrant.authenticate(authentication);
		if (before != null && before.getRefreshToken() != null
				&& result instanceof OAuth2AccessTokenAuthenticationToken issued && issued.getRefreshToken() != null
				&& !presented.equals(issued.getRefreshToken().getTokenValue())) {
			retire(presented, before.getId(), before.getRefreshToken().getToken());
		}
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.refreshGrant.supports(authentication);
	}

	private void retire(String token, String authorizationId, OAuth2RefreshToken refreshToken) {
		Instant now = this.clock.instant();
		this.retired.values().removeIf((entry) -> entry.expiresAt().isBefore(now));
		Instant expiresAt = (refreshToken.getExpiresAt() != null) ? refreshToken.getExpiresAt() : Instant.MAX;
		this.retired.put(digest(token), new Retired(authorizationId, expiresAt));
	}

	private static String digest(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Retired(String authorizationId, Instant expiresAt) {
	}

}
