package com.example.shop.common.problem;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersTests {

	@Test
	void addsTheHeadersSpringSecurityWritesByDefault() {
		MockHttpServletResponse response = new MockHttpServletResponse();

		SecurityHeaders.addMissing(response);

		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
		assertThat(response.getHeader("Pragma")).isEqualTo("no-cache");
		assertThat(response.getHeader("Expires")).isEqualTo("0");
	}

	@Test
	void keepsAHeaderTheResponseAlreadyHasAndDoesNotRepeatIt() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("Cache-Control", "max-age=60");

		SecurityHeaders.addMissing(response);
		SecurityHeaders.addMissing(response);

		assertThat(response.getHeaders("Cache-Control")).containsExactly("max-age=60");
		assertThat(response.getHeaders("X-Frame-Options")).containsExactly("DENY");
	}

}
