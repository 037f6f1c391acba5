package com.example.shop.system;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 500 orders for the last 100 units of one SKU, through the gateway, from 10 clients at
 * once: exactly the stock is sold, every other client gets a 409 problem at once.
 * Repeated, because a race shows only now and then ({@code bench/orders-hold} repeats it
 * at will against a running system).
 * <p>
 * Why 10 clients: order-service counts a call to inventory slower than 1 s as slow. With
 * 20 clients or more on a loaded 2-core machine, the reservations (queued for the CPU and
 * for the item's row lock) are now and then slow enough to open the circuit breaker, and
 * the orders of the next seconds are answered 202 PENDING (and finished later), by
 * design. Beyond 20 (the bulkhead), orders that wait too long for a place are answered
 * 202 as well.
 */
@ExtendWith(ShopSystem.Extension.class)
class OrderLoadSystemTest {

	private static final int STOCK = 100;

	private static final int ORDERS = 500;

	private static final int CLIENTS = 10;

	@RepeatedTest(3)
	void fiveHundredOrdersForAHundredUnitsConfirmExactlyAHundredAndRejectTheRest(Gateway gateway) throws Exception {
		String token = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "orders:read", "orders:write",
				"inventory:read", "inventory:write");
		String sku = TestData.newItem(gateway, token, STOCK);
		// The load measures a running system, not a cold one: a burst on another SKU
		// first, so
		// that order-service holds its token for inventory and both JVMs have run the
		// code
		// (on a cold pair, a few of the first reservations take longer than the read
		// timeout
		// and are answered 202 PENDING).
		OrderLoad.of(gateway, token, TestData.newItem(gateway, token, 1)).orders(2 * CLIENTS, CLIENTS).run();

		OrderLoad.Result load = OrderLoad.of(gateway, token, sku).orders(ORDERS, CLIENTS).attempts(1).run();

		assertThat(load.withStatus(201)).as(load.summary()).isEqualTo(STOCK);
		assertThat(load.withStatus(409)).as(load.summary()).isEqualTo(ORDERS - STOCK);
		assertThat(load.orders()).filteredOn((order) -> order.status() == 409)
			.allMatch((order) -> order.last() != null && order.last().isProblem());
		assertThat(TestData.available(gateway, token, sku)).isZero();
		OrderInvariants.assertHold(gateway, token, load, STOCK);
	}

}
