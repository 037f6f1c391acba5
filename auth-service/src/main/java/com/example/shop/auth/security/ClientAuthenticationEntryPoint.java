package com.example.shop.auth.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request to an endpoint that authenticates clients (token, introspection,
 * revocation...) but carries no client credentials the way RFC 6749 section 5.2 asks: 401
 * {@code invalid_client} in OAuth2 JSON with a {@code Basic} challenge, the same form as
 * a wrong secret, so OAuth2 client libraries understand it.
 */
class ClientAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final OAuth2ErrorHttpMessageConverter converter = new OAuth2ErrorHttpMessageConverter();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		httpResponse.setStatusCode(HttpStatus.UNAUTHORIZED);
		httpResponse.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"auth-service\"");
		this.converter.write(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed.", null),
				null, httpResponse);
	}

}
