package com.example.shop.auth.security;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.example.shop.common.problem.ProblemTypes;
import com.example.shop.common.security.ProblemSecurityHandler;
import com.example.shop.common.security.ResourceServerDefaults;

/**
 * Three filter chains. The first serves the authorization server's endpoints (token,
 * JWKS, discovery, introspection, revocation, authorize...): errors of the endpoints that
 * authenticate clients stay RFC 6749 OAuth2 JSON, which is what OAuth2 clients parse; a
 * browser sent to {@code /oauth2/authorize} before signing in is redirected to the login
 * page. The second serves that login page, the one place with a session and CSRF
 * protection (a session carries a signed-in user from the login form to the authorization
 * endpoint). The third covers every other path like any service of the system: stateless,
 * probes and scraping open, other actuator endpoints for the {@code ops} scope, the rest
 * for a valid token, and 401/403 as {@link ProblemTypes problems}. Declaring chains here
 * makes common-lib's shared chain back off, so the third chain applies the same rules
 * through {@link ResourceServerDefaults}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Where a browser signs in (Spring Security's default login page). */
	static final String LOGIN_PAGE = "/login";

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, ProblemSecurityHandler problems,
			AuthorizationServerSettings settings, RegisteredClientRepository clients) {
		RequestMatcher clientAuthenticatedEndpoints = new OrRequestMatcher(Stream
			.of(settings.getTokenEndpoint(), settings.getTokenIntrospectionEndpoint(),
					settings.getTokenRevocationEndpoint(), settings.getDeviceAuthorizationEndpoint(),
					settings.getPushedAuthorizationRequestEndpoint())
			.map((path) -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path))
			.toList());
		RequestMatcher authorizationRequests = PathPatternRequestMatcher.pathPattern(HttpMethod.GET,
				settings.getAuthorizationEndpoint());
		MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		RequestMatcher browserAuthorizationRequests = new AndRequestMatcher(authorizationRequests, browsers);
		// The authorization request a browser made before signing in, kept in its session
		// so that the login page sends it back there; nothing else is worth a session.
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setRequestMatcher(browserAuthorizationRequests);
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			// OpenID Connect discovery (/.well-known/openid-configuration) next to the
			// OAuth2 metadata, so any OIDC-aware resource server finds the JWKS; and ID
			// tokens for the users of the login page.
			server.oidc(Customizer.withDefaults());
			server.clientAuthentication((clientAuthentication) -> clientAuthentication
				.authenticationConverters(
						(converters) -> converters.add(PublicClientRefreshTokens.clientAuthenticationConverter()))
				.authenticationProvider(PublicClientRefreshTokens.clientAuthenticationProvider(clients)));
			server.tokenEndpoint((token) -> token.authenticationProviders(
					(providers) -> providers.replaceAll((provider) -> tokenGrantProvider(provider, http))));
		})
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			// Only the OIDC user info endpoint takes a bearer token here.
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.requestCache((cache) -> cache.requestCache(requestCache))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new ClientAuthenticationEntryPoint(), clientAuthenticatedEndpoints)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE),
						browserAuthorizationRequests)
				.defaultAuthenticationEntryPointFor(problems, AnyRequestMatcher.INSTANCE)
				.accessDeniedHandler(problems));
		return http.build();
	}

	/**
	 * Spring Authorization Server's grant of a token request, or a replacement: the
	 * authorization code exchange issues refresh tokens to public clients too, the
	 * refresh grant ends an authorization whose rotated-out refresh token comes back
	 * ({@link RefreshTokenReuseDetection}).
	 */
	private static AuthenticationProvider tokenGrantProvider(AuthenticationProvider provider, HttpSecurity http) {
		if (provider instanceof OAuth2AuthorizationCodeAuthenticationProvider) {
			return authorizationCodeProvider(http);
		}
		if (provider instanceof OAuth2RefreshTokenAuthenticationProvider) {
			return new RefreshTokenReuseDetection(provider, http.getSharedObject(OAuth2AuthorizationService.class),
					Clock.systemUTC());
		}
		return provider;
	}

	/**
	 * Spring Authorization Server's authorization code exchange, with a token generator
	 * that also issues refresh tokens to public clients registered for them
	 * ({@link PublicClientRefreshTokens}). Called while the chain initialises, once the
	 * server's own token generator, authorization store and session registry are known.
	 */
	@SuppressWarnings("unchecked")
	private static OAuth2AuthorizationCodeAuthenticationProvider authorizationCodeProvider(HttpSecurity http) {
		OAuth2TokenGenerator<? extends OAuth2Token> generator = http.getSharedObject(OAuth2TokenGenerator.class);
		OAuth2AuthorizationCodeAuthenticationProvider provider = new OAuth2AuthorizationCodeAuthenticationProvider(
				http.getSharedObject(OAuth2AuthorizationService.class),
				PublicClientRefreshTokens.tokenGenerator(generator));
		SessionRegistry sessionRegistry = http.getSharedObject(SessionRegistry.class);
		if (sessionRegistry != null) {
			provider.setSessionRegistry(sessionRegistry);
		}
		return provider;
	}

	/**
	 * The login page (Spring Security's own, with its style sheet) and the form it posts:
	 * a session holds the CSRF token and, once the user signed in, who they are, for
	 * {@code /oauth2/authorize}. A wrong password and an unknown user get the same answer
	 * (back to {@code /login?error}, "Invalid credentials"), and the same BCrypt work is
	 * done for both. The page may not be framed and runs under a strict
	 * Content-Security-Policy ({@link LoginPagePolicy}). Its referrer policy is
	 * {@code same-origin}, not {@code no-referrer}: under {@code no-referrer} a browser
	 * sends {@code Origin: null} with the form, which the gateway refuses as a request
	 * from a foreign origin (its CORS check), so nobody could sign in through it.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain loginSecurityFilterChain(HttpSecurity http, OAuth2AuthorizationServerProperties properties) {
		return http.securityMatcher(LOGIN_PAGE, "/default-ui.css")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.formLogin(Customizer.withDefaults())
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(LoginPagePolicy.contentSecurityPolicy(properties)))
				.frameOptions((frameOptions) -> frameOptions.deny())
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http, ProblemSecurityHandler problems) {
		return ResourceServerDefaults.apply(http, problems, List.of()).build();
	}

	/**
	 * Checks tokens presented to auth-service itself (actuator with the ops scope, OIDC
	 * user info) against its own key, without an HTTP round trip, and with the same
	 * issuer and audience checks every other service applies
	 * ({@code spring.security.oauth2.resourceserver.jwt.audiences}: auth-service).
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, AuthorizationServerSettings settings,
			Environment environment) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
		List<String> audiences = Binder.get(environment)
			.bind("spring.security.oauth2.resourceserver.jwt.audiences", Bindable.listOf(String.class))
			.orElse(List.of());
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(settings.getIssuer()),
						new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
								(aud) -> aud != null && aud.stream().anyMatch(audiences::contains))));
		return decoder;
	}

}
