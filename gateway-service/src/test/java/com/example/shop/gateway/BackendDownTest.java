package com.example.shop.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.common.test.UseTestJwtIssuer;

/**
 * A gateway whose services are all down: nothing listens on their ports. The
 * {@code Retry-After} is the breakers' wait in open state ({@code application.yml}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
@UseTestJwtIssuer
class BackendDownTest {

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void deadBackends(DynamicPropertyRegistry registry) {
		String dead = "http://127.0.0.1:" + closedPort();
		registry.add("shop.services.order-url", () -> dead);
		registry.add("shop.services.inventory-url", () -> dead);
		registry.add("shop.auth.url", () -> dead);
	}

	@Test
	void answersAServiceUnavailableProblemWithRetryAfterWhenTheServiceRefusesTheConnection() {
		GatewayErrorsTest
			.expectProblem(
					this.client.get()
						.uri("/api/orders/7")
						.header(HttpHeaders.AUTHORIZATION,
								"Bearer " + TestJwtIssuer.shared().token("client-a", "orders:read"))
						.exchange()
						.expectHeader()
						.valueEquals(HttpHeaders.RETRY_AFTER, "10"),
					HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable");
		GatewayErrorsTest.expectProblem(this.client.post()
			.uri("/oauth2/token")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "10"), HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable");
	}

	/** A loopback port that was free a moment ago and has nothing listening now. */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
