package com.example.shop.inventory.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import com.example.shop.inventory.InventoryApi;
import com.example.shop.inventory.InventoryApplicationTest;

import static com.example.shop.inventory.InventoryApi.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many order-service instances hit the same items at once: stock is never oversold, never
 * goes below zero, and a repeated order id is reserved once (and only with the lines of
 * the request that reserved it), on real PostgreSQL locks.
 */
@InventoryApplicationTest
class ReservationConcurrencyTests {

	private static final int THREADS = 16;

	private final InventoryApi api;

	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

	ReservationConcurrencyTests(@Autowired RestTestClient client) {
		this.api = new InventoryApi(client);
	}

	@AfterEach
	void stopThreads() {
		this.executor.shutdownNow();
	}

	@Test
	void sellsExactlyTheStockThatExistsWhenManyOrdersRaceForIt() throws Exception {
		String sku = this.api.givenItem("HOT", 20);
		List<Callable<Integer>> orders = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			orders.add(() -> status(this.api.reserve(UUID.randomUUID(), line(sku, 1))));
		}

		Map<Integer, Long> statuses = countByValue(runAllAtOnce(orders));

		assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 20L, 409, 40L));
		assertThat(this.api.available(sku)).isZero();
	}

	@Test
	void reservesARepeatedOrderIdOnceWhenItsRequestsRace() throws Exception {
		String sku = this.api.givenItem("DUP", 10);
		UUID orderId = UUID.randomUUID();
		List<Callable<Integer>> repeats = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			repeats.add(() -> status(this.api.reserve(orderId, line(sku, 3))));
		}

		Map<Integer, Long> statuses = countByValue(runAllAtOnce(repeats));

		assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 200, 23L));
		assertThat(this.api.available(sku)).isEqualTo(7);
	}

	@Test
	void reservesARepeatedOrderIdOnceWhenRequestsWithOtherLinesRace() throws Exception {
		String sku = this.api.givenItem("DUP", 10);
		UUID orderId = UUID.randomUUID();
		List<Callable<Integer>> threes = new ArrayList<>();
		List<Callable<Integer>> fours = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			threes.add(() -> status(this.api.reserve(orderId, line(sku, 3))));
			fours.add(() -> status(this.api.reserve(orderId, line(sku, 4))));
		}
		List<Callable<Integer>> all = new ArrayList<>(threes);
		all.addAll(fours);

		List<Integer> statuses = runAllAtOnce(all);

		// Whichever request won reserved its lines; every other request with the same
		// lines is a replay, every request with the other lines is refused.
		int taken = 10 - this.api.available(sku);
		assertThat(taken).isIn(3, 4);
		Map<Integer, Long> winners = countByValue((taken == 3) ? statuses.subList(0, 12) : statuses.subList(12, 24));
		Map<Integer, Long> losers = countByValue((taken == 3) ? statuses.subList(12, 24) : statuses.subList(0, 12));
		assertThat(winners).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 200, 11L));
		assertThat(losers).containsExactlyEntriesOf(Map.of(422, 12L));
	}

	@Test
	void givesStockBackOnceWhenReleasesRace() throws Exception {
		String sku = this.api.givenItem("REL", 10);
		UUID orderId = UUID.randomUUID();
		assertThat(status(this.api.reserve(orderId, line(sku, 4)))).isEqualTo(201);
		List<Callable<Integer>> releases = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			releases.add(() -> status(this.api.release(orderId)));
		}

		assertThat(countByValue(runAllAtOnce(releases))).containsExactlyEntriesOf(Map.of(204, 24L));
		assertThat(this.api.available(sku)).isEqualTo(10);
	}

	@Test
	void multiLineReservationsListingSkusInAnyOrderNeitherDeadlockNorOversell() throws Exception {
		String anvil = this.api.givenItem("ANVIL", 30);
		String bolt = this.api.givenItem("BOLT", 30);
		List<Callable<Integer>> orders = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			boolean boltFirst = (i % 2 == 0);
			orders.add(() -> status(boltFirst ? this.api.reserve(UUID.randomUUID(), line(bolt, 1), line(anvil, 1))
					: this.api.reserve(UUID.randomUUID(), line(anvil, 1), line(bolt, 1))));
		}
		Map<Integer, Long> statuses = countByValue(runAllAtOnce(orders));

		assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 30L, 409, 10L));
		assertThat(this.api.available(anvil)).isZero();
		assertThat(this.api.available(bolt)).isZero();
	}

	/**
	 * Starts every task behind one gate so that they really overlap, and gives them a
	 * bounded time: a deadlock or a lost request fails the test instead of hanging it.
	 */
	private List<Integer> runAllAtOnce(List<Callable<Integer>> tasks) throws Exception {
		CountDownLatch gate = new CountDownLatch(1);
		List<Future<Integer>> futures = new ArrayList<>();
		for (Callable<Integer> task : tasks) {
			futures.add(this.executor.submit(() -> {
				gate.await();
				return task.call();
			}));
		}
		gate.countDown();
		List<Integer> results = new ArrayList<>();
		for (Future<Integer> future : futures) {
			results.add(future.get(60, TimeUnit.SECONDS));
		}
		return results;
	}

	private static int status(RestTestClientResponse response) {
		return response.getExchangeResult().getStatus().value();
	}

	private static Map<Integer, Long> countByValue(List<Integer> values) {
		return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

}
