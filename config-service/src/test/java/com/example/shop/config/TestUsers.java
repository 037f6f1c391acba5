package com.example.shop.config;

import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * The users of the tests (passwords from
 * {@code src/test/resources/application.properties}) and clients that send their
 * credentials.
 */
enum TestUsers {

	ANONYMOUS(null, null), CLIENT("config-client", "client-password-for-tests"),
	OPERATOR("config-admin", "admin-password-for-tests");

	private final @Nullable String username;

	private final @Nullable String password;

	TestUsers(@Nullable String username, @Nullable String password) {
		this.username = username;
		this.password = password;
	}

	/**
	 * A client of the server on the port that sends this user's credentials and does not
	 * throw on error statuses, so that tests can assert on them.
	 */
	RestClient client(int port) {
		return RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultHeaders((headers) -> {
			String authorization = authorization();
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		}).defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
		}).build();
	}

	@Nullable String authorization() {
		if (this.username == null) {
			return null;
		}
		return "Basic " + Base64.getEncoder().encodeToString((this.username + ":" + this.password).getBytes());
	}

}
