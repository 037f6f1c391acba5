package com.example.shop.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients ordering the last units of one SKU at once, through the whole system:
 * exactly the stock is sold, never more.
 */
@ExtendWith(ShopSystem.Extension.class)
class ConcurrentOrdersSystemTest {

	private static final int STOCK = 10;

	private static final int ORDERS = 40;

	@Test
	void parallelOrdersOnOneSkuConfirmExactlyTheStockAndNeverOversell(Gateway gateway) throws Exception {
		String token = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "orders:read", "orders:write",
				"inventory:read", "inventory:write");
		String sku = TestData.newItem(gateway, token, STOCK);
		ExecutorService pool = Executors.newFixedThreadPool(12);
		List<Future<Integer>> statuses = new ArrayList<>();
		try {
			for (int i = 0; i < ORDERS; i++) {
				statuses.add(pool
					.submit(() -> TestData.placeOrder(gateway, token, UUID.randomUUID().toString(), Map.of(sku, 1))
						.status()));
			}
			List<Integer> answered = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answered.add(status.get(60, TimeUnit.SECONDS));
			}

			assertThat(answered).filteredOn((status) -> status == 201).hasSize(STOCK);
			assertThat(answered).filteredOn((status) -> status == 409).hasSize(ORDERS - STOCK);
			assertThat(TestData.available(gateway, token, sku)).isZero();
		}
		finally {
			pool.shutdownNow();
		}
	}

}
