package com.example.shop.config.security;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what on the config server. Anonymous: the probes, info and scraping. The
 * client user: reading configuration (every {@code GET} outside the actuator and the
 * operator's paths). The operator user: everything, among it {@code /encrypt},
 * {@code /decrypt}, {@code /monitor}, {@code /actuator/busrefresh} and health details.
 * Stateless HTTP basic without CSRF: the callers are machines, not browsers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConfigServerUsers.class)
class ConfigServerSecurityConfiguration {

	static final String CLIENT = "CONFIG_CLIENT";

	static final String OPERATOR = "CONFIG_OPERATOR";

	@Bean
	SecurityFilterChain configServerSecurityFilterChain(HttpSecurity http) {
		BasicProblemHandler problems = new BasicProblemHandler();
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info",
						"/actuator/prometheus")
				.permitAll()
				.requestMatchers("/actuator", "/actuator/**", "/encrypt", "/encrypt/**", "/decrypt", "/decrypt/**",
						"/key", "/key/**", "/monitor", "/monitor/**")
				.hasRole(OPERATOR)
				.requestMatchers(HttpMethod.GET, "/**")
				.hasAnyRole(CLIENT, OPERATOR)
				.anyRequest()
				.hasRole(OPERATOR))
			.httpBasic((basic) -> basic.realmName(BasicProblemHandler.REALM).authenticationEntryPoint(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.build();
	}

	@Bean
	UserDetailsService configServerUsers(ConfigServerUsers users) {
		// {noop}: the passwords arrive in plain text from the environment anyway, and a
		// hash would cost CPU on every request of a stateless client.
		UserDetails client = User.withUsername(users.client().username())
			.password("{noop}" + users.client().password())
			.roles(CLIENT)
			.build();
		UserDetails operator = User.withUsername(users.operator().username())
			.password("{noop}" + users.operator().password())
			.roles(CLIENT, OPERATOR)
			.build();
		return new InMemoryUserDetailsManager(client, operator);
	}

}
