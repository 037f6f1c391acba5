package com.example.shop.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;

import com.example.shop.gateway.security.CorsProperties;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers across origins: a listed origin's preflight is answered before any token
 * check, and its requests carry the CORS headers; any other origin gets a 403 problem and
 * nothing reaches a service. The tests' context allows one origin
 * ({@code https://app.example.com}, test application.properties).
 */
class CorsTest extends GatewayTestSupport {

	private static final String ALLOWED = "https://app.example.com";

	@Test
	void answersThePreflightOfAnAllowedOrigin() {
		this.client.options()
			.uri("/api/orders")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, (methods) -> assertThat(methods).contains("POST"))
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
		assertThat(Backends.requestsReceived()).isZero();
	}

	@Test
	void letsTheRequestsOfAnAllowedOriginThroughWithTheCorsHeaders() {
		Backends.ORDERS.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{}")));

		this.client.get()
			.uri("/api/orders/7")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:read"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED);
	}

	@Test
	void refusesThePreflightAndTheRequestsOfAnyOtherOrigin() {
		Backends.ORDERS.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{}")));

		for (HttpMethod method : new HttpMethod[] { HttpMethod.OPTIONS, HttpMethod.GET }) {
			this.client.method(method)
				.uri("/api/orders/7")
				.header(HttpHeaders.ORIGIN, "https://evil.example.net")
				.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
				.header(HttpHeaders.AUTHORIZATION, bearer("orders:read"))
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		}
		assertThat(Backends.requestsReceived()).isZero();
	}

	@Test
	void allowsNoOriginByDefault() {
		CorsProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("shop.gateway.cors", CorsProperties.class);
		MockServerWebExchange preflight = MockServerWebExchange.from(MockServerHttpRequest.options("/api/orders")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET"));

		boolean allowed = new DefaultCorsProcessor().process(defaults.toCorsConfiguration(), preflight);

		assertThat(defaults.allowedOrigins()).isEmpty();
		assertThat(allowed).isFalse();
		assertThat(preflight.getResponse().getStatusCode()).hasToString("403 FORBIDDEN");
	}

}
