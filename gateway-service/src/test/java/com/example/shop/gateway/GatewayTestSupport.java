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
		Backends.register(registry);
	}

	@BeforeEach
	void resetBackends() {
		Backends.resetAll();
	}

	static String bearer(String... scopes) {
		return "Bearer " + TestJwtIssuer.shared().token("client-a", scopes);
	}

}
