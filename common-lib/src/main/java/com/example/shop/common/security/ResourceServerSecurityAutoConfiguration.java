package com.example.shop.common.security;

import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The filter chain every servlet service uses unless it declares its own: stateless, JWT
 * bearer tokens checked by the service itself (signature through JWKS, issuer, expiry),
 * probes and scraping open, everything else authenticated. Scopes become {@code SCOPE_x}
 * authorities.
 */
@AutoConfiguration(before = { OAuth2ResourceServerAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		ManagementWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
public final class ResourceServerSecurityAutoConfiguration {

	/** Scope that opens the actuator endpoints beyond health, info and prometheus. */
	public static final String OPS_AUTHORITY = "SCOPE_ops";

	@Bean
	@ConditionalOnMissingBean
	ProblemSecurityHandler problemSecurityHandler(ObjectProvider<JsonMapper> jsonMapper) {
		return new ProblemSecurityHandler(jsonMapper.getIfAvailable(JsonMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain resourceServerSecurityFilterChain(HttpSecurity http, ObjectProvider<AuthorizationRules> rules,
			ProblemSecurityHandler problemHandler) {
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> {
				requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
				requests
					.requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info",
							"/actuator/prometheus")
					.permitAll();
				requests.requestMatchers("/actuator/**").hasAuthority(OPS_AUTHORITY);
				rules.orderedStream().forEach((rule) -> rule.apply(requests));
				requests.anyRequest().authenticated();
			})
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problemHandler)
				.accessDeniedHandler(problemHandler))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problemHandler)
				.accessDeniedHandler(problemHandler));
		return http.build();
	}

}
