package com.example.shop.common.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that asks its delegate only for tokens it has not verified yet (or
 * whose verification has expired with the token): see {@link VerifiedTokenCache}.
 */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final VerifiedTokenCache cache;

	CachingJwtDecoder(JwtDecoder delegate, VerifiedTokenCache cache) {
		this.delegate = delegate;
		this.cache = cache;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt cached = this.cache.get(token);
		if (cached != null) {
			return cached;
		}
		Jwt jwt = this.delegate.decode(token);
		this.cache.put(token, jwt);
		return jwt;
	}

}
