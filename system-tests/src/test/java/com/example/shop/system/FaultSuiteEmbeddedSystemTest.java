package com.example.shop.system;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SIGKILL cases of the fault suite on the embedded H2 file databases the services use
 * by default (the local run): a killed service must not lose a commit it acknowledged.
 * The databases themselves are checked at the end, once the services stopped and H2
 * released its files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteEmbeddedSystemTest {

	private static final int STOCK = 25;

	private static final int ORDERS = 30;

	private static final int CLIENTS = 10;

	private static final List<String> skus = new ArrayList<>();

	private static FaultSystem faults;

	@BeforeAll
	static void startSystem() {
		faults = FaultSystem.onEmbeddedDatabases("faults-embedded");
	}

	@AfterAll
	static void stopSystem() {
		if (faults != null) {
			faults.close();
		}
	}

	@Test
	@Order(1)
	void inventoryKilledHalfwayAndRestartedLosesNoOrderAndNoStock() throws Exception {
		ServiceProcess inventory = faults.service("inventory");
		String token = faults.token();
		String sku = newItem(token);
		OrderLoad.Result load = load(token, sku).halfway(inventory::kill).run();
		assertThat(inventory.isAlive()).isFalse();
		faults.restart(inventory);
		OrderInvariants.assertHold(faults.gateway(), faults.token(), load, STOCK);
	}

	@Test
	@Order(2)
	void orderServiceKilledHalfwayAndRestartedFinishesItsPendingOrders() throws Exception {
		ServiceProcess orders = faults.service("order");
		String token = faults.token();
		String sku = newItem(token);
		faults.proxy().switchTo(FaultProxy.Mode.latency(Duration.ofSeconds(1)));
		OrderLoad.Result load = load(token, sku).halfway(orders::kill).run();
		faults.proxy().switchTo(FaultProxy.Mode.passThrough());
		assertThat(orders.isAlive()).isFalse();
		faults.restart(orders);
		OrderInvariants.assertHold(faults.gateway(), faults.token(), load, STOCK);
	}

	@Test
	@Order(3)
	void theEmbeddedDatabasesAgreeOnceTheServicesStopped() throws Exception {
		assertThat(skus).as("the cases before this one ran").hasSize(2);
		for (String service : List.of("gateway", "order", "inventory")) {
			faults.service(service).terminate();
			faults.service(service).awaitExit(Duration.ofSeconds(30));
		}
		try (Connection orders = faults.connectEmbedded("orders");
				Connection inventory = faults.connectEmbedded("inventory")) {
			OrderInvariants.assertNoKeyHasTwoOrders(orders);
			for (String sku : skus) {
				OrderInvariants.assertStockMatches(inventory, orders, sku);
			}
		}
	}

	private static String newItem(String token) {
		String sku = TestData.newItem(faults.gateway(), token, STOCK);
		skus.add(sku);
		return sku;
	}

	private static OrderLoad load(String token, String sku) {
		return OrderLoad.of(faults.gateway(), token, sku).orders(ORDERS, CLIENTS).quantityUpTo(2);
	}

}
