package com.example.shop.system;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 500 orders for the last 100 units of one SKU, through the gateway, from 20 clients at
 * once: exactly the stock is sold, every other client gets a 409 problem at once.
 * Repeated, because a race shows only now and then ({@code bench/orders-hold} repeats it
 * at will against a running system).
 * <p>
 * 20 clients is what order-service lets through to inventory at once (its bulkhead); with
 * more, orders wait for a place, and those that wait longer than the bulkhead allows are
 * answered 202 PENDING and finished later, by design.
 */
@ExtendWith(ShopSystem.Extension.class)
class OrderLoadSystemTest {

	private static final int STOCK = 100;

	private static final int ORDERS = 500;

	private static final int CLIENTS = 20;

	@RepeatedTest(3)
	void fiveHundredOrdersForAHundredUnitsConfirmExactlyAHundredAndRejectTheRest(Gateway gateway) throws Exception {
		String token = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "orders:read", "orders:write",
				"inventory:read", "inventory:write");
		String sku = TestData.newItem(gateway, token, STOCK);
		// A running order-service has its own token for inventory already: one order
		// first.
		TestData.placeOrder(gateway, token, UUID.randomUUID().toString(), Map.of("NOT-STOCKED-WARM-UP", 1));

		OrderLoad.Result load = OrderLoad.of(gateway, token, sku).orders(ORDERS, CLIENTS).attempts(1).run();

		assertThat(load.withStatus(201)).as(load.summary()).isEqualTo(STOCK);
		assertThat(load.withStatus(409)).as(load.summary()).isEqualTo(ORDERS - STOCK);
		assertThat(load.orders()).filteredOn((order) -> order.status() == 409)
			.allMatch((order) -> order.last() != null && order.last().isProblem());
		assertThat(TestData.available(gateway, token, sku)).isZero();
		OrderInvariants.assertHold(gateway, token, load, STOCK);
	}

}
