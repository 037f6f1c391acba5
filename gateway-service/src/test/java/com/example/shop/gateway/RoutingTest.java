package com.example.shop.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingTest extends GatewayTestSupport {

	private static final String ORDER_JSON = "{\"id\":\"7\",\"status\":\"CONFIRMED\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":2}]}";

	@Autowired
	RouteLocator routeLocator;

	@Test
	void declaresEveryRouteUnderTheServerWebfluxPrefix() {
		List<Route> routes = this.routeLocator.getRoutes().collectList().block();

		assertThat(routes).extracting(Route::getId)
			.containsExactlyInAnyOrder("orders", "inventory", "auth-token", "auth-client", "auth-userinfo", "auth-jwks",
					"auth-discovery", "auth-login-style", "auth-login", "auth-login-flow");
		assertThat(routes).filteredOn((route) -> route.getId().equals("orders"))
			.singleElement()
			.extracting(Route::getUri)
			.isEqualTo(URI.create(Backends.ORDERS.baseUrl()));
		assertThat(routes).filteredOn((route) -> route.getId().startsWith("auth-"))
			.extracting(Route::getUri)
			.containsOnly(URI.create(Backends.AUTH.baseUrl()));
	}

	@Test
	void forwardsAnOrderWithItsBodyHeadersAndTokenAndReturnsTheServiceAnswer() {
		Backends.ORDERS.stubFor(post("/api/orders").willReturn(aResponse().withStatus(201)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.withHeader(HttpHeaders.LOCATION, "/api/orders/7")
			.withBody(ORDER_JSON)));
		String token = bearer("orders:write");
		String body = "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":2}]}";

		this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, token)
			.header("Idempotency-Key", "key-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, "/api/orders/7")
			.expectBody()
			.json(ORDER_JSON);

		Backends.ORDERS
			.verify(postRequestedFor(urlEqualTo("/api/orders")).withHeader(HttpHeaders.AUTHORIZATION, equalTo(token))
				.withHeader("Idempotency-Key", equalTo("key-1"))
				.withRequestBody(equalToJson(body)));
	}

	@Test
	void forwardsPathAndQueryOfAnOrderRead() {
		Backends.ORDERS.stubFor(get(urlEqualTo("/api/orders?page=1&size=5"))
			.willReturn(aResponse().withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.withBody("{\"content\":[],\"page\":{\"size\":5,\"number\":1,\"totalElements\":0,\"totalPages\":0}}")));

		this.client.get()
			.uri("/api/orders?page=1&size=5")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:read"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page.number")
			.isEqualTo(1);
	}

	@Test
	void forwardsAnInventoryUpdate() {
		Backends.INVENTORY.stubFor(put("/api/inventory/items/A-1").willReturn(aResponse().withStatus(200)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.withBody("{\"sku\":\"A-1\",\"name\":\"Anvil\",\"available\":5}")));
		String token = bearer("inventory:write");

		this.client.put()
			.uri("/api/inventory/items/A-1")
			.header(HttpHeaders.AUTHORIZATION, token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Anvil", "available", 5))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.available")
			.isEqualTo(5);

		Backends.INVENTORY.verify(putRequestedFor(urlEqualTo("/api/inventory/items/A-1"))
			.withHeader(HttpHeaders.AUTHORIZATION, equalTo(token))
			.withRequestBody(equalToJson("{\"name\":\"Anvil\",\"available\":5}")));
		assertThat(Backends.ORDERS.getAllServeEvents()).isEmpty();
	}

	@Test
	void passesAServiceProblemThroughUnchanged() {
		String problem = "{\"type\":\"https://shop.example.com/problems/insufficient-stock\",\"title\":\"Conflict\","
				+ "\"status\":409,\"detail\":\"Not enough stock\",\"instance\":\"/api/inventory/reservations\","
				+ "\"shortages\":[{\"sku\":\"A-1\",\"requested\":3,\"available\":1}]}";
		Backends.INVENTORY.stubFor(post("/api/inventory/reservations").willReturn(aResponse().withStatus(409)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.withBody(problem)));

		byte[] answer = this.client.post()
			.uri("/api/inventory/reservations")
			.header(HttpHeaders.AUTHORIZATION, bearer("inventory:reserve"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"orderId\":\"0b6c2f4e-8a53-4b55-9a8e-3f1f6a1e2d10\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":3}]}")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();

		assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo(problem);
	}

	@Test
	void forwardsTheTokenRequestWithoutAToken() {
		String basic = "Basic "
				+ Base64.getEncoder().encodeToString("demo-client:demo-secret".getBytes(StandardCharsets.UTF_8));
		Backends.AUTH.stubFor(post("/oauth2/token")
			.willReturn(aResponse().withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.withBody("{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":300}")));

		this.client.post()
			.uri("/oauth2/token")
			.header(HttpHeaders.AUTHORIZATION, basic)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("grant_type=client_credentials&scope=orders%3Aread")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.access_token")
			.isEqualTo("abc");

		Backends.AUTH
			.verify(postRequestedFor(urlEqualTo("/oauth2/token")).withHeader(HttpHeaders.AUTHORIZATION, equalTo(basic))
				.withRequestBody(equalTo("grant_type=client_credentials&scope=orders%3Aread")));
	}

	@Test
	void servesTheKeySetAndDiscoveryDocumentOfTheAuthServiceWithoutAToken() {
		Backends.AUTH.stubFor(get("/oauth2/jwks")
			.willReturn(aResponse().withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.withBody("{\"keys\":[]}")));
		Backends.AUTH.stubFor(get("/.well-known/openid-configuration")
			.willReturn(aResponse().withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.withBody("{\"issuer\":\"http://localhost:9000\"}")));

		this.client.get().uri("/oauth2/jwks").exchange().expectStatus().isOk().expectBody().json("{\"keys\":[]}");
		this.client.get()
			.uri("/.well-known/openid-configuration")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.issuer")
			.isEqualTo("http://localhost:9000");

		Backends.AUTH.verify(getRequestedFor(urlEqualTo("/oauth2/jwks")));
	}

	@Test
	void keepsBrowserCookiesAwayFromTheServices() {
		Backends.ORDERS.stubFor(get("/api/orders/7").willReturn(aResponse().withBody(ORDER_JSON)));

		this.client.get()
			.uri("/api/orders/7")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:read"))
			.header(HttpHeaders.COOKIE, "SESSION=secret")
			.exchange()
			.expectStatus()
			.isOk();

		Backends.ORDERS.verify(getRequestedFor(urlEqualTo("/api/orders/7")).withoutHeader(HttpHeaders.COOKIE));
	}

	@Test
	void tellsTheServiceTheClientAddressButNotOneTheClientForged() {
		Backends.ORDERS.stubFor(get("/api/orders/7").willReturn(aResponse().withBody(ORDER_JSON)));

		this.client.get()
			.uri("/api/orders/7")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:read"))
			.header("X-Forwarded-For", "203.0.113.9")
			.header("Forwarded", "for=203.0.113.9")
			.exchange()
			.expectStatus()
			.isOk();

		Backends.ORDERS
			.verify(getRequestedFor(urlEqualTo("/api/orders/7")).withHeader("X-Forwarded-For", equalTo("127.0.0.1"))
				.withoutHeader("Forwarded"));
	}

	@Test
	void addsSecurityHeadersToProxiedAnswers() {
		Backends.ORDERS.stubFor(get("/api/orders/7").willReturn(aResponse().withBody(ORDER_JSON)));

		this.client.get()
			.uri("/api/orders/7")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:read"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader()
			.value(HttpHeaders.CACHE_CONTROL, (cacheControl) -> assertThat(cacheControl).contains("no-store"))
			.expectHeader()
			.doesNotExist("Strict-Transport-Security");
	}

}
