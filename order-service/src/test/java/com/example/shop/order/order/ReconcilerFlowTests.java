package com.example.shop.order.order;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.example.shop.order.inventory.ReservationResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciler under the conditions it exists for: several instances at once, and
 * reservations that land after their order was cancelled.
 */
class ReconcilerFlowTests extends OrderFlowTestSupport {

	private static final Duration RECONCILED = Duration.ofSeconds(30);

	@Autowired
	private OrderReconciler reconciler;

	@Autowired
	private OrderStore store;

	@Test
	void reconcilersRunningSideBySideReserveEachPendingOrderOnce() throws Exception {
		String sku = sku("TWO-INSTANCES");
		inventory.stubFor(reservationOf(sku).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		List<String> ids = IntStream.range(0, 5).mapToObj((i) -> {
			ResponseEntity<String> placed = place("client-a", "instances-" + i + "-" + sku, line(sku, i + 1));
			assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
			return idOf(placed);
		}).toList();

		// Slow enough answers that the passes overlap while they call inventory.
		StubMapping recovered = inventory.stubFor(reservationOf(sku).willReturn(reserved().withFixedDelay(300)));
		int instances = 4;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(instances);
		try {
			// Besides the scheduled pass of this instance, four more hammer the same
			// orders until they are settled, across the moment they become old enough.
			List<Future<Object>> passes = IntStream.range(0, instances).mapToObj((i) -> executor.submit(() -> {
				start.await();
				long deadline = System.nanoTime() + RECONCILED.toNanos();
				while (!allConfirmed(ids) && System.nanoTime() < deadline) {
					this.reconciler.reconcile();
					Thread.sleep(20);
				}
				return null;
			})).toList();
			start.countDown();
			for (Future<Object> pass : passes) {
				pass.get(RECONCILED.toSeconds() + 30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}

		await().atMost(RECONCILED)
			.untilAsserted(() -> assertThat(ids)
				.allSatisfy((id) -> assertThat(statusOf("client-a", id)).isEqualTo("CONFIRMED")));
		assertThat(ids).allSatisfy((id) -> assertThat(answeredBy(recovered, id)).isEqualTo(1));
	}

	private boolean allConfirmed(List<String> ids) {
		return ids.stream()
			.allMatch((id) -> this.store.find(UUID.fromString(id), new Caller("client-a", false))
				.map((order) -> order.status() == OrderStatus.CONFIRMED)
				.orElse(false));
	}

	@Test
	void releasesAReservationThatLandsAfterTheOrderWasCancelled() {
		String sku = sku("LATE-LANDING");
		inventoryReserves(sku);
		String id = idOf(place("client-a", "late-landing-" + sku, line(sku, 1)));
		assertThat(cancel("client-a", id).getStatusCode()).isEqualTo(HttpStatus.OK);
		inventory.verify(exactly(1), releaseOf(id));

		// A reservation call that was in flight when the order was cancelled answers
		// now.
		OrderView order = this.store.recordOutcome(UUID.fromString(id), new ReservationResult.Reserved());

		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		await().atMost(RECONCILED).untilAsserted(() -> inventory.verify(exactly(2), releaseOf(id)));
		assertThat(statusOf("client-a", id)).isEqualTo("CANCELLED");
	}

}
