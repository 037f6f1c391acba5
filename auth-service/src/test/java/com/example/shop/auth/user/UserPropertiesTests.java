package com.example.shop.auth.user;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class UserPropertiesTests {

	private static final String ALICE = "{bcrypt}$2a$10$5fyAch1JsCHOek4kX3YILetAxEeaajbxSHCRJJwlkgDlkei7NDl5y";

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(UserConfiguration.class);

	@Test
	void signsInAUserWhosePasswordIsABcryptHash() {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

		this.context.withPropertyValues("auth.users.alice.password=" + ALICE).run((context) -> {
			String hash = context.getBean(UserDetailsService.class).loadUserByUsername("alice").getPassword();
			assertThat(encoder.matches("alice-password", hash)).isTrue();
			assertThat(encoder.matches("bob-password", hash)).isFalse();
		});
	}

	@Test
	void refusesToStartWithAPasswordThatIsNotABcryptHash() {
		for (String password : new String[] { "alice-password", "{noop}alice-password", "{bcrypt}alice-password",
				"$2a$10$5fyAch1JsCHOek4kX3YILetAxEeaajbxSHCRJJwlkgDlkei7NDl5y" }) {
			this.context.withPropertyValues("auth.users.alice.password=" + password).run((context) -> {
				assertThat(context).as(password).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("auth.users.alice.password")
					.hasMessageContaining("Not a BCrypt hash with its {bcrypt} prefix")
					.hasMessageNotContaining("alice-password")
					.hasMessageNotContaining("5fyAch1J");
			});
		}
	}

	@Test
	void refusesToStartWithoutAPassword() {
		this.context.withPropertyValues("auth.users.alice.password=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("users[alice].password"));
	}

	@Test
	void startsWithoutUsers() {
		this.context.run((context) -> assertThat(context).hasNotFailed().getBean(UserDetailsService.class).isNotNull());
	}

}
