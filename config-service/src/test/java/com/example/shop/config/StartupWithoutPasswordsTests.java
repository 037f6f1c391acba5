package com.example.shop.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Without the passwords of its two users the server does not start (no open server, no
 * generated password), and says which variable is missing.
 */
class StartupWithoutPasswordsTests {

	@Test
	void refusesToStartWithoutTheClientPassword() {
		assertThat(startWith("--CONFIG_SERVER_PASSWORD=")).contains("set CONFIG_SERVER_PASSWORD");
	}

	@Test
	void refusesToStartWithoutTheOperatorPassword() {
		assertThat(startWith("--CONFIG_ADMIN_PASSWORD=")).contains("set CONFIG_ADMIN_PASSWORD");
	}

	@Test
	void refusesToStartWhenClientAndOperatorShareAName() {
		assertThat(startWith("--CONFIG_ADMIN_USERNAME=config-client")).contains("different user names");
	}

	private static String startWith(String argument) {
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(ConfigServiceApplication.class)
			.run("--server.port=0", "--spring.main.banner-mode=off", argument)
			.close());
		assertThat(failure).as("start-up failure").isNotNull();
		return NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
	}

}
