package com.example.shop.gateway.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import com.example.shop.common.security.ResourceServerDefaults;

/**
 * The gateway checks every token itself (signature through auth-service's JWKS, issuer,
 * expiry; {@code spring.security.oauth2.resourceserver.jwt.*} from shop-common.yml), so
 * that nothing unauthenticated reaches a service. Scopes stay the services' business:
 * each one checks the token again with its own rules.
 * <p>
 * auth-service's own endpoints ({@link #AUTH_SERVICE_PATHS}) have a chain of their own
 * that lets everything through: each of them authenticates its caller at auth-service
 * (client credentials, a user's password and session, its CSRF token, a bearer token at
 * {@code /userinfo} that may be for no service the gateway knows). Checking a token or a
 * CSRF token here as well would only refuse what auth-service accepts.
 * <p>
 * Spring Security also writes the security response headers on every answer, proxied or
 * not: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, a
 * {@code Cache-Control} that forbids caching unless the service set its own,
 * {@code Referrer-Policy: no-referrer}, and HSTS on HTTPS requests only
 * ({@link TlsProperties.Hsts}). Each is written only when the service did not set it, and
 * none of them is a {@code Content-Security-Policy}: auth-service's login page keeps its
 * own.
 * <p>
 * Cross-origin requests from browsers are refused (403 problem) unless their origin is
 * listed in {@code shop.gateway.cors.allowed-origins} ({@link CorsProperties}); a listed
 * origin's preflight is answered here, before any token check.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ CorsProperties.class, TlsProperties.class })
class SecurityConfiguration {

	/**
	 * auth-service's endpoints the gateway routes to (application.yml, auth-* routes).
	 */
	static final String[] AUTH_SERVICE_PATHS = { "/oauth2/token", "/oauth2/jwks", "/.well-known/**",
			"/oauth2/authorize", "/login", "/default-ui.css", "/logout", "/connect/logout", "/userinfo",
			"/oauth2/revoke", "/oauth2/introspect" };

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain authServiceSecurityFilterChain(ServerHttpSecurity http,
			ProblemSecurityHandler problemHandler, TlsProperties tls) {
		return commonSettings(http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(AUTH_SERVICE_PATHS)),
				problemHandler, tls)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	@Bean
	SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, ProblemSecurityHandler problemHandler,
			TlsProperties tls) {
		return commonSettings(http, problemHandler, tls)
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.pathMatchers("/actuator/**")
				.hasAuthority(ResourceServerDefaults.OPS_AUTHORITY)
				.pathMatchers("/api/**")
				.authenticated()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problemHandler)
				.accessDeniedHandler(problemHandler))
			.build();
	}

	/**
	 * What both chains share. CSRF protection, form login and logout are auth-service's
	 * (the gateway keeps no session and serves no form).
	 */
	private static ServerHttpSecurity commonSettings(ServerHttpSecurity http, ProblemSecurityHandler problemHandler,
			TlsProperties tls) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			// Stateless: no session, no saved request, every call brings its credentials.
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problemHandler)
				.accessDeniedHandler(problemHandler))
			.headers((headers) -> headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.hsts((hsts) -> hsts.maxAge(tls.hsts().maxAge())
					.includeSubdomains(tls.hsts().includeSubdomains())
					.preload(false)))
			.cors(Customizer.withDefaults());
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(CorsProperties cors) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors.toCorsConfiguration());
		return source;
	}

}
