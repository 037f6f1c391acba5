package com.example.shop.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.shop.system.Gateway.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/security.md's "another identity provider", on packaged services: order- and
 * inventory-service are started once more, pointed at an {@link ExternalProvider} (shaped
 * like a Keycloak realm) by exactly the settings the document gives, and nothing else.
 * They take the provider's tokens, people's and order-service's own alike: an order
 * placed with a person's token reserves its stock with order-service's token from the
 * provider's token endpoint, and belongs to that person. auth-service's tokens are
 * refused by them, and the provider's by the instances that trust auth-service.
 */
@ExtendWith(ShopSystem.Extension.class)
class ExternalIdentityProviderSystemTest {

	private static final Duration STARTUP = Duration.ofMinutes(3);

	@Test
	void servicesConfiguredForAnotherProviderTakeItsTokensAndOnlyThose(ShopSystem system, Gateway gateway) {
		String orderServiceSecret = UUID.randomUUID().toString();
		try (ExternalProvider provider = new ExternalProvider(Map.of("order-service", orderServiceSecret))) {
			// docs/security.md: issuer, where the keys are, and order-service's own token
			// endpoint.
			List<String> providerSettings = List.of("--shop.auth.issuer=" + provider.issuer(),
					"--shop.auth.url=" + provider.endpoints(),
					"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=${shop.auth.url}/certs");
			try (ServiceProcess inventory = system.startAnotherInstance("inventory", providerSettings);
					ServiceProcess orders = system.startAnotherInstance("order",
							concat(providerSettings,
									"--spring.security.oauth2.client.provider.auth.token-uri=${shop.auth.url}/token",
									"--spring.security.oauth2.client.registration.inventory.client-secret="
											+ orderServiceSecret,
									"--shop.services.inventory-url=" + inventory.url()))) {
				assertTakesTheProvidersTokensOnly(system, gateway, provider, inventory, orders);
			}
		}
	}

	private static void assertTakesTheProvidersTokensOnly(ShopSystem system, Gateway gateway, ExternalProvider provider,
			ServiceProcess inventory, ServiceProcess orders) {
		inventory.awaitReady(STARTUP);
		orders.awaitReady(STARTUP);
		Gateway inventoryService = new Gateway(inventory.url());
		Gateway orderService = new Gateway(orders.url());

		String stockKeeper = provider.userToken("stock-keeper", "inventory:read", "inventory:write");
		String alice = provider.userToken("alice", "orders:read", "orders:write");
		String bob = provider.userToken("bob", "orders:read", "orders:write");
		String sku = TestData.newItem(inventoryService, stockKeeper, 3);
		Response placed = TestData.placeOrder(orderService, alice, "external-" + sku, Map.of(sku, 2));

		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
		assertThat(placed.json().get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(TestData.available(inventoryService, stockKeeper, sku)).isEqualTo(1);
		String order = "/api/orders/" + placed.json().get("id").asString();
		assertThat(orderService.get(order).token(alice).send().status()).isEqualTo(200);
		assertThat(orderService.get(order).token(bob).send().status()).isEqualTo(404);

		// Each side refuses the other's tokens: the issuer and the keys differ.
		String fromAuthService = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "orders:read",
				"inventory:read");
		assertRefused(orderService.get("/api/orders").token(fromAuthService).send());
		assertRefused(inventoryService.get("/api/inventory/items/" + sku).token(fromAuthService).send());
		assertRefused(new Gateway(system.url("order")).get("/api/orders").token(alice).send());
		// The audience check holds for the provider's tokens too.
		assertRefused(orderService.get("/api/orders").token(stockKeeper).send());
	}

	private static void assertRefused(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.isProblem()).as(response.toString()).isTrue();
	}

	private static List<String> concat(List<String> first, String... more) {
		return Stream.concat(first.stream(), Stream.of(more)).toList();
	}

}
