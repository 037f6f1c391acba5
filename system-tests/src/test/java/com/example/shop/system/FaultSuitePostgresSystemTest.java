package com.example.shop.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.example.shop.system.FaultProxy.Mode;
import com.example.shop.system.Gateway.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults under a load of concurrent orders through the gateway, on a system of its own
 * with PostgreSQL databases and a {@link FaultProxy} in front of inventory-service. The
 * cases run one after the other on the same system, each on a SKU of its own; after each,
 * {@link OrderInvariants} must hold.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuitePostgresSystemTest {

	/** Stock per case, below what the orders ask for, so that some are rejected. */
	private static final int STOCK = 25;

	private static final int ORDERS = 30;

	private static final int CLIENTS = 10;

	/** Orders in flight when a service gets SIGTERM. */
	private static final int IN_FLIGHT = 20;

	private static FaultSystem faults;

	@BeforeAll
	static void startSystem() {
		faults = FaultSystem.onPostgres("faults-postgres");
	}

	@AfterAll
	static void stopSystem() {
		if (faults != null) {
			faults.close();
		}
	}

	@Test
	@Order(1)
	void inventorySlowerThanTheReadTimeoutLeavesOrdersPendingUntilItAnswersAgain() throws Exception {
		assertInvariantsAfterFault(Mode.latency(Duration.ofSeconds(3)));
	}

	@Test
	@Order(2)
	void inventoryAnswering500LeavesOrdersPendingUntilItAnswersAgain() throws Exception {
		assertInvariantsAfterFault(Mode.error500());
	}

	@Test
	@Order(3)
	void inventoryAnsweringMalformedJsonLeavesOrdersPendingUntilItAnswersAgain() throws Exception {
		assertInvariantsAfterFault(Mode.malformedJson());
	}

	@Test
	@Order(4)
	void connectionsToInventoryResetLeaveOrdersPendingUntilItAnswersAgain() throws Exception {
		assertInvariantsAfterFault(Mode.reset());
	}

	@Test
	@Order(5)
	void inventoryKilledHalfwayAndRestartedLosesNoOrderAndNoStock() throws Exception {
		ServiceProcess inventory = faults.service("inventory");
		Case test = newCase();
		OrderLoad.Result load = test.load().halfway(inventory::kill).run();
		assertThat(inventory.isAlive()).isFalse();
		faults.restart(inventory);
		test.assertInvariants(load);
	}

	@Test
	@Order(6)
	void orderServiceKilledHalfwayLeavesPendingOrdersThatTheRestartedInstanceFinishes() throws Exception {
		ServiceProcess orders = faults.service("order");
		Case test = newCase();
		// Each reservation takes a second (still below the read timeout), so that orders
		// are
		// committed PENDING and waiting for inventory when the process dies.
		faults.proxy().switchTo(Mode.latency(Duration.ofSeconds(1)));
		AtomicInteger pendingAtKill = new AtomicInteger();
		OrderLoad.Result load = test.load().halfway(() -> {
			orders.kill();
			pendingAtKill.set(pendingOrders(test.sku));
		}).run();
		faults.proxy().switchTo(Mode.passThrough());
		assertThat(pendingAtKill.get()).as("orders PENDING when order-service was killed").isPositive();
		faults.restart(orders);
		test.assertInvariants(load);
	}

	@Test
	@Order(7)
	void databaseConnectionsTerminatedInTheMiddleOfTheLoadLoseNoOrderAndNoStock() throws Exception {
		Case test = newCase();
		AtomicInteger terminated = new AtomicInteger();
		OrderLoad.Result load = test.load().halfway(() -> {
			try {
				for (int round = 0; round < 3; round++) {
					terminated.addAndGet(faults.terminateDatabaseConnections("orders"));
					terminated.addAndGet(faults.terminateDatabaseConnections("inventory"));
					Thread.sleep(300);
				}
			}
			catch (SQLException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}).run();
		assertThat(terminated.get()).as("connections terminated").isPositive();
		test.assertInvariants(load);
	}

	@Test
	@Order(8)
	void configServiceDownWhileTheSystemRunsChangesNothingForOrders() throws Exception {
		ServiceProcess config = faults.service("config");
		config.terminate();
		config.awaitExit(Duration.ofSeconds(30));
		Case test = newCase();
		test.assertInvariants(test.load().run());
		// config-service stays down for the next case.
	}

	@Test
	@Order(9)
	void orderServiceStartedWhileConfigServiceIsDownRunsOnItsOwnDefaultsAndTwoReconcilersShareThePendingOrders()
			throws Exception {
		ServiceProcess config = faults.service("config");
		if (config.isAlive()) {
			config.terminate();
			config.awaitExit(Duration.ofSeconds(30));
		}
		ServiceProcess second = faults.system().startAnotherInstance("order");
		try {
			second.awaitReady(Duration.ofMinutes(2));
			// The first instance has the config copy's limit of lines, the second only
			// the
			// code default of its application.yml: proof that it started without
			// config-service.
			String token = faults.token();
			Map<String, Integer> lines = new LinkedHashMap<>();
			for (int i = 0; i <= ShopSystem.MAX_LINES_IN_CONFIG_COPY; i++) {
				lines.put("NOT-STOCKED-" + i, 1);
			}
			assertThat(placeDirectly(faults.service("order"), token, lines).status()).isEqualTo(400);
			assertThat(placeDirectly(second, token, lines).status()).isIn(201, 202, 409);

			// Orders left PENDING (inventory's answers unreadable), then both reconcilers
			// at once.
			Case test = newCase();
			long firstBefore = count(faults.service("order").log(), "Reconciled order");
			long secondBefore = count(second.log(), "Reconciled order");
			faults.proxy().switchTo(Mode.malformedJson());
			OrderLoad.Result load = test.load().run();
			assertThat(load.withStatus(202)).as(load.summary()).isPositive();
			faults.proxy().switchTo(Mode.passThrough());
			test.assertInvariants(load);
			System.out.printf("Orders reconciled by the first instance: %d, by the second: %d%n",
					count(faults.service("order").log(), "Reconciled order") - firstBefore,
					count(second.log(), "Reconciled order") - secondBefore);
		}
		finally {
			second.close();
			faults.restart(config);
		}
	}

	@Test
	@Order(10)
	void orderServiceStoppedWithSigtermStopsBeingReadyAnswersEveryOrderInFlightAndLosesNone() throws Exception {
		ServiceProcess orders = faults.service("order");
		Case test = newCase();
		// A running service has its own token for inventory already (a cold one would
		// make
		// the orders below wait for auth-service instead of inventory).
		placeDirectly(orders, test.token, Map.of("NOT-STOCKED-WARM-UP", 1));
		// Every reservation takes 1.5 s (below the read timeout of 2 s): the orders are
		// in flight
		// inside order-service, committed PENDING and waiting for inventory, when SIGTERM
		// arrives.
		faults.proxy().switchTo(Mode.latency(Duration.ofMillis(1500)));
		ExecutorService background = Executors.newFixedThreadPool(2);
		try {
			Future<OrderLoad.Result> placing = background
				.submit(() -> test.load().orders(IN_FLIGHT, IN_FLIGHT).attempts(1).run());
			Awaitility.await("all orders committed and waiting for inventory")
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> ordersOf(test.sku, null) == IN_FLIGHT);
			Future<List<FaultSystem.Probe>> readiness = background
				.submit(() -> FaultSystem.readinessUntilExit(orders, Duration.ofSeconds(30)));
			orders.terminate();
			OrderLoad.Result load = placing.get(30, TimeUnit.SECONDS);
			orders.awaitExit(Duration.ofSeconds(30));
			List<FaultSystem.Probe> seen = readiness.get(30, TimeUnit.SECONDS);
			System.out.println("order-service's readiness while it stopped: " + seen + "; " + load.summary());

			assertStoppedBeingReadyForGood(seen);
			long lastAnswer = load.orders().stream().mapToLong(OrderLoad.Order::finishedAt).max().orElseThrow();
			assertThat(firstNotReady(seen).at()).as("not ready before the last order in flight was answered")
				.isLessThan(lastAnswer);
			assertThat(load.orders()).as("every order in flight answered: %s", load.summary())
				.allMatch((order) -> order.status() == 201 || order.status() == 202 || order.status() == 409);
			faults.proxy().switchTo(Mode.passThrough());
			faults.restart(orders);
			test.assertInvariants(load);
		}
		finally {
			faults.proxy().switchTo(Mode.passThrough());
			background.shutdownNow();
		}
	}

	@Test
	@Order(11)
	void inventoryStoppedWithSigtermHalfwayStopsBeingReadyAndLosesNoReservation() throws Exception {
		ServiceProcess inventory = faults.service("inventory");
		Case test = newCase();
		AtomicReference<List<FaultSystem.Probe>> seen = new AtomicReference<>(List.of());
		OrderLoad.Result load = test.load().halfway(() -> {
			inventory.terminate();
			seen.set(FaultSystem.readinessUntilExit(inventory, Duration.ofSeconds(30)));
		}).run();
		inventory.awaitExit(Duration.ofSeconds(30));
		System.out.println("inventory-service's readiness while it stopped: " + seen.get());
		assertStoppedBeingReadyForGood(seen.get());
		faults.restart(inventory);
		test.assertInvariants(load);
	}

	/**
	 * A stopping service first answers its readiness probe with 503 while it still serves
	 * (the drain delay), and never answers ready again; only later is the connection
	 * refused.
	 */
	private static void assertStoppedBeingReadyForGood(List<FaultSystem.Probe> seen) {
		FaultSystem.Probe down = firstNotReady(seen);
		assertThat(down.status()).as("readiness went down while the service still answered: %s", seen).isEqualTo(503);
		assertThat(seen.subList(seen.indexOf(down), seen.size())).as("readiness after %s: %s", down, seen)
			.noneMatch(FaultSystem.Probe::ready);
	}

	private static FaultSystem.Probe firstNotReady(List<FaultSystem.Probe> seen) {
		return seen.stream()
			.filter((probe) -> !probe.ready())
			.findFirst()
			.orElseThrow(() -> new AssertionError("readiness never failed while the service stopped: " + seen));
	}

	private void assertInvariantsAfterFault(Mode fault) throws Exception {
		Case test = newCase();
		faults.proxy().switchTo(fault);
		OrderLoad.Result load;
		try {
			load = test.load().run();
		}
		finally {
			faults.proxy().switchTo(Mode.passThrough());
		}
		assertThat(load.withStatus(202)).as("orders left PENDING by %s: %s", fault, load.summary()).isPositive();
		test.assertInvariants(load);
	}

	private static Case newCase() {
		String token = faults.token();
		return new Case(token, TestData.newItem(faults.gateway(), token, STOCK));
	}

	private static Response placeDirectly(ServiceProcess orderService, String token, Map<String, Integer> lines) {
		return TestData.placeOrder(new Gateway(orderService.url()), token, java.util.UUID.randomUUID().toString(),
				lines);
	}

	private static int pendingOrders(String sku) {
		return ordersOf(sku, "PENDING");
	}

	/** Orders of the SKU in the orders database, in the given status or any. */
	private static int ordersOf(String sku, @Nullable String status) {
		try (Connection orders = faults.connect("orders");
				PreparedStatement pending = orders.prepareStatement(
						"select count(*) from orders o where" + " (o.status = ? or cast(? as varchar) is null)"
								+ " and exists (select 1 from order_line l where l.order_id = o.id and l.sku = ?)")) {
			pending.setString(1, status);
			pending.setString(2, status);
			pending.setString(3, sku);
			try (ResultSet result = pending.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long count(String text, String word) {
		return text.lines().filter((line) -> line.contains(word)).count();
	}

	/** One case: a fresh SKU with {@link #STOCK} units, and the token to order it. */
	private record Case(String token, String sku) {

		OrderLoad load() {
			return OrderLoad.of(faults.gateway(), this.token, this.sku).orders(ORDERS, CLIENTS).quantityUpTo(2);
		}

		void assertInvariants(OrderLoad.Result load) throws SQLException {
			System.out.println(load.summary());
			OrderInvariants.assertHold(faults.gateway(), faults.token(), load, STOCK);
			try (Connection orders = faults.connect("orders"); Connection inventory = faults.connect("inventory")) {
				OrderInvariants.assertNoKeyHasTwoOrders(orders);
				OrderInvariants.assertStockMatches(inventory, orders, this.sku);
			}
		}

	}

}
