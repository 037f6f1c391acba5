package com.example.shop.auth.security;

import java.util.List;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.example.shop.common.problem.ProblemTypes;
import com.example.shop.common.security.ProblemSecurityHandler;
import com.example.shop.common.security.ResourceServerDefaults;

/**
 * Two filter chains. The first serves the authorization server's endpoints (token, JWKS,
 * discovery, introspection, revocation...): errors of the endpoints that authenticate
 * clients stay RFC 6749 OAuth2 JSON, which is what OAuth2 clients parse. The second
 * covers every other path like any service of the system: probes and scraping open, other
 * actuator endpoints for the {@code ops} scope, the rest for a valid token, and 401/403
 * as {@link ProblemTypes problems}. Declaring chains here makes common-lib's shared chain
 * back off, so the second chain applies the same rules through
 * {@link ResourceServerDefaults}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, ProblemSecurityHandler problems,
			AuthorizationServerSettings settings) {
		RequestMatcher clientAuthenticatedEndpoints = new OrRequestMatcher(Stream
			.of(settings.getTokenEndpoint(), settings.getTokenIntrospectionEndpoint(),
					settings.getTokenRevocationEndpoint(), settings.getDeviceAuthorizationEndpoint(),
					settings.getPushedAuthorizationRequestEndpoint())
			.map((path) -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path))
			.toList());
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			// OpenID Connect discovery (/.well-known/openid-configuration) next to the
			// OAuth2 metadata, so any OIDC-aware resource server finds the JWKS.
			server.oidc(Customizer.withDefaults());
		})
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			// Only the OIDC user info endpoint takes a bearer token here.
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new ClientAuthenticationEntryPoint(), clientAuthenticatedEndpoints)
				.defaultAuthenticationEntryPointFor(problems, AnyRequestMatcher.INSTANCE)
				.accessDeniedHandler(problems));
		return http.build();
	}

	@Bean
	@Order(2)
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
