package com.example.shop.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * WireMock servers standing in for order-service, inventory-service and auth-service, one
 * of each per test JVM (so that every test class shares one gateway context).
 */
final class Backends {

	static final WireMockServer ORDERS = start();

	static final WireMockServer INVENTORY = start();

	static final WireMockServer AUTH = start();

	private Backends() {
	}

	/**
	 * Points the gateway's routes at these backends. The JWKS URL the gateway checks
	 * tokens with is set directly by {@code @UseTestJwtIssuer} and wins over
	 * shop-common.yml's {@code ${shop.auth.url}/oauth2/jwks}, so only the auth routes use
	 * {@code AUTH}.
	 */
	static void register(DynamicPropertyRegistry registry) {
		registry.add("shop.services.order-url", ORDERS::baseUrl);
		registry.add("shop.services.inventory-url", INVENTORY::baseUrl);
		registry.add("shop.auth.url", AUTH::baseUrl);
	}

	static void resetAll() {
		ORDERS.resetAll();
		INVENTORY.resetAll();
		AUTH.resetAll();
	}

	/** How many requests reached any backend since the last reset. */
	static int requestsReceived() {
		return ORDERS.getAllServeEvents().size() + INVENTORY.getAllServeEvents().size()
				+ AUTH.getAllServeEvents().size();
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
