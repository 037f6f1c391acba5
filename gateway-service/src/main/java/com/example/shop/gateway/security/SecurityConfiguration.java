package com.example.shop.gateway.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import com.example.shop.common.security.ResourceServerDefaults;

/**
 * The gateway checks every token itself (signature through auth-service's JWKS, issuer,
 * expiry; {@code spring.security.oauth2.resourceserver.jwt.*} from shop-common.yml), so
 * that nothing unauthenticated reaches a service. Scopes stay the services' business:
 * each one checks the token again with its own rules. The token, JWKS and discovery
 * endpoints are open, as a client has no token yet when it calls them.
 * <p>
 * Spring Security also writes the security response headers on every answer, proxied or
 * not: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, a
 * {@code Cache-Control} that forbids caching unless the service set its own, HSTS over
 * HTTPS, and {@code Referrer-Policy: no-referrer}.
 * <p>
 * Cross-origin requests from browsers are refused (403 problem) unless their origin is
 * listed in {@code shop.gateway.cors.allowed-origins} ({@link CorsProperties}); a listed
 * origin's preflight is answered here, before any token check.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class SecurityConfiguration {

	/** Scope that opens the actuator endpoints beyond health, info and prometheus. */

	@Bean
	SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, ProblemSecurityHandler problemHandler) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			// Stateless: no session, no saved request, every call brings its token.
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/oauth2/token", "/oauth2/jwks", "/.well-known/**")
				.permitAll()
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
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problemHandler)
				.accessDeniedHandler(problemHandler))
			.headers((headers) -> headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.cors(Customizer.withDefaults())
			.build();
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(CorsProperties cors) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors.toCorsConfiguration());
		return source;
	}

}
