package com.example.shop.auth.user;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users of the login page, held in memory from {@link UserProperties}. A password
 * that is not a BCrypt hash stops the start, with a message that names the user but not
 * the value (Bean Validation would print the rejected value: a plain-text password into
 * the log). Spring Security checks their passwords with its delegating encoder, which
 * reads the {@code {bcrypt}} prefix, and answers an unknown user exactly as a wrong
 * password: the same message, and a BCrypt comparison against a dummy hash so that the
 * time taken does not tell either.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UserProperties.class)
class UserConfiguration {

	@Bean
	InMemoryUserDetailsManager userDetailsService(UserProperties properties) {
		List<String> unhashed = properties.users()
			.entrySet()
			.stream()
			.filter((user) -> !user.getValue().isBcryptHash())
			.map((user) -> "auth.users." + user.getKey() + ".password")
			.sorted()
			.toList();
		if (!unhashed.isEmpty()) {
			throw new IllegalStateException(
					"Not a BCrypt hash with its {bcrypt} prefix (never a plain-text password): " + unhashed);
		}
		List<UserDetails> users = properties.users()
			.entrySet()
			.stream()
			.map((user) -> User.withUsername(user.getKey())
				.password(user.getValue().password())
				.authorities(List.of())
				.build())
			.toList();
		return new InMemoryUserDetailsManager(users);
	}

}
