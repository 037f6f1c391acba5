package com.example.shop.common.security;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * The rules of the shared resource-server filter chain, for a service that declares
 * chains of its own (as auth-service does) and still wants every other path secured like
 * the rest of the system.
 */
public final class ResourceServerDefaults {

	/** Scope that opens the actuator endpoints beyond health, info and prometheus. */
	public static final String OPS_AUTHORITY = "SCOPE_ops";

	private ResourceServerDefaults() {
	}

	/**
	 * Applies the shared rules: stateless, no CSRF, probes and scraping open, other
	 * actuator endpoints for the {@code ops} scope, then the given rules, then a valid
	 * JWT for anything else; 401 and 403 as problems.
	 * @param http the chain being built
	 * @param problems writes 401 and 403 as problems
	 * @param rules the service's own rules, applied in order
	 * @return the same builder
	 */
	public static HttpSecurity apply(HttpSecurity http, ProblemSecurityHandler problems,
			List<AuthorizationRules> rules) {
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> {
				requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
				requests
					.requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info",
							"/actuator/prometheus")
					.permitAll();
				requests.requestMatchers("/actuator/**").hasAuthority(OPS_AUTHORITY);
				rules.forEach((rule) -> rule.apply(requests));
				requests.anyRequest().authenticated();
			})
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
	}

}
