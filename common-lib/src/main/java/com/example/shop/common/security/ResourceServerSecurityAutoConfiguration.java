package com.example.shop.common.security;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The filter chain every servlet service uses unless it declares its own: stateless, JWT
 * bearer tokens checked by the service itself (signature through JWKS, issuer, expiry),
 * probes and scraping open, everything else authenticated. Scopes become {@code SCOPE_x}
 * authorities.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
public final class ResourceServerSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemSecurityHandler problemSecurityHandler(ObjectProvider<JsonMapper> jsonMapper) {
		return new ProblemSecurityHandler(jsonMapper.getIfAvailable(JsonMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain resourceServerSecurityFilterChain(HttpSecurity http, ObjectProvider<AuthorizationRules> rules,
			ProblemSecurityHandler problemHandler) {
		return ResourceServerDefaults.apply(http, problemHandler, rules.orderedStream().toList()).build();
	}

}
