package com.example.shop.auth.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Refresh tokens for public clients (client authentication method {@code none}, such as
 * the browser app {@code shop-web}), which Spring Authorization Server withholds on its
 * own: its refresh token generator issues none to a public client, and its token endpoint
 * authenticates a public client only by a PKCE code exchange, so a refresh request
 * carrying just {@code client_id} would be refused as {@code invalid_client}.
 * <p>
 * A public client gets refresh tokens only when its registration asks for the
 * {@code refresh_token} grant, and {@link ClientSecretsCheck} lets such a registration
 * start only with PKCE required and refresh tokens rotated
 * ({@code reuse-refresh-tokens: false}), as the OAuth 2.0 Security Best Current Practice
 * (RFC 9700, section 4.14) asks of refresh tokens held by a public client: every refresh
 * answers with a new refresh token and the one presented stops working, so a stolen
 * refresh token lasts only until either party uses it next, and the other party's next
 * refresh ends the authorization ({@link RefreshTokenReuseDetection}). The refresh grant
 * itself, its checks (the token was issued to this very client, the scopes were granted)
 * and the rotation stay Spring Authorization Server's own.
 * <p>
 * Three pieces: {@link #tokenGenerator} issues the refresh token with the authorization
 * code exchange, {@link #clientAuthenticationConverter} reads a refresh request that
 * names a client without credentials, and {@link #clientAuthenticationProvider} accepts
 * it for a public client registered for refresh tokens.
 */
final class PublicClientRefreshTokens {

	private PublicClientRefreshTokens() {
	}

	/**
	 * The given generator, which issues every token as before, followed by one that
	 * issues the refresh token the given generator withholds from a public client.
	 */
	static OAuth2TokenGenerator<OAuth2Token> tokenGenerator(OAuth2TokenGenerator<? extends OAuth2Token> generator) {
		return new DelegatingOAuth2TokenGenerator(generator, new RefreshTokenGenerator(Clock.systemUTC()));
	}

	static AuthenticationConverter clientAuthenticationConverter() {
		return PublicClientRefreshTokens::convert;
	}

	static AuthenticationProvider clientAuthenticationProvider(RegisteredClientRepository clients) {
		return new ClientAuthenticationProvider(clients);
	}

	/**
	 * A token request with {@code grant_type=refresh_token} that names its client by
	 * {@code client_id} alone, with no secret, assertion or {@code Authorization} header;
	 * requests with credentials are left to Spring Authorization Server's converters.
	 */
	private static @Nullable Authentication convert(HttpServletRequest request) {
		if (!AuthorizationGrantType.REFRESH_TOKEN.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
			return null;
		}
		String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (clientIds == null) {
			return null;
		}
		if (clientIds.length != 1 || clientIds[0].isBlank()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null,
				Map.of(OAuth2ParameterNames.GRANT_TYPE, AuthorizationGrantType.REFRESH_TOKEN.getValue()));
	}

	private static boolean isPublicClientForRefreshTokens(RegisteredClient client) {
		return client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
				&& client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN);
	}

	/**
	 * Authenticates the client of a refresh request read by {@link #convert}: it must be
	 * a public client registered for refresh tokens. Possession of the refresh token is
	 * its proof, which Spring Authorization Server's refresh grant checks next (the token
	 * must have been issued to this client and still be the current one).
	 */
	private static final class ClientAuthenticationProvider implements AuthenticationProvider {

		private final RegisteredClientRepository clients;

		ClientAuthenticationProvider(RegisteredClientRepository clients) {
			this.clients = clients;
		}

		@Override
		public @Nullable Authentication authenticate(Authentication authentication) {
			OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
			if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod())
					|| !AuthorizationGrantType.REFRESH_TOKEN.getValue()
						.equals(request.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE))) {
				return null;
			}
			RegisteredClient client = this.clients.findByClientId(String.valueOf(request.getPrincipal()));
			if (client == null || !isPublicClientForRefreshTokens(client)) {
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
						"Client authentication failed: client_id", null));
			}
			return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

	/**
	 * Issues the refresh token of an authorization code exchange by a public client
	 * registered for refresh tokens, as Spring Authorization Server's own generator does
	 * for confidential clients (the same random 96-byte value and the client's refresh
	 * token lifetime). Asked for anything else it answers null, so the generator before
	 * it decides.
	 */
	static final class RefreshTokenGenerator implements OAuth2TokenGenerator<OAuth2RefreshToken> {

		private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(),
				96);

		private final Clock clock;

		RefreshTokenGenerator(Clock clock) {
			this.clock = clock;
		}

		@Override
		public @Nullable OAuth2RefreshToken generate(OAuth2TokenContext context) {
			Authentication grant = context.getAuthorizationGrant();
			if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
					|| !AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())
					|| grant == null
					|| !(grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken clientAuthentication)
					|| !ClientAuthenticationMethod.NONE.equals(clientAuthentication.getClientAuthenticationMethod())
					|| !isPublicClientForRefreshTokens(context.getRegisteredClient())) {
				return null;
			}
			Instant issuedAt = this.clock.instant();
			Instant expiresAt = issuedAt
				.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
			return new OAuth2RefreshToken(this.values.generateKey(), issuedAt, expiresAt);
		}

	}

}
