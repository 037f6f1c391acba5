package com.example.shop.gateway;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.common.test.UseTestJwtIssuer;

/**
 * The running gateway on a random port in front of the {@link Backends}, trusting tokens
 * of {@link TestJwtIssuer#shared()}. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
@UseTestJwtIssuer
abstract class GatewayTestSupport {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("shop.services.order-url", Backends.ORDERS::baseUrl);
		registry.add("shop.services.inventory-url", Backends.INVENTORY::baseUrl);
		// Only the auth route uses it: the JWKS URL the gateway checks tokens with is set
		// directly by @UseTestJwtIssuer and wins over shop-common.yml's
		// ${shop.auth.url}/oauth2/jwks.
		registry.add("shop.auth.url", Backends.AUTH::baseUrl);
	}

	@BeforeEach
	void resetBackends() {
		Backends.resetAll();
	}

	static String bearer(String... scopes) {
		return "Bearer " + TestJwtIssuer.shared().token("client-a", scopes);
	}

}
