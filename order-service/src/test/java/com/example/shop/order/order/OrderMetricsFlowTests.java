package com.example.shop.order.order;

import java.time.Duration;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The business metrics as orders go through the running service (real HTTP, PostgreSQL,
 * WireMock in the place of inventory): what the placing requests answer, how long they
 * waited for inventory, what the reconciler settles and what is cancelled.
 * <p>
 * The flow tests share one application context and its registry, and the reconciler runs
 * in the background: counts of requests are exact (no other request runs meanwhile), the
 * reconciler's counts are at least this test's own.
 */
class OrderMetricsFlowTests extends OrderFlowTestSupport {

	private static final Duration RECONCILED = Duration.ofSeconds(30);

	@Autowired
	private MeterRegistry meters;

	@Test
	void countsAndTimesEveryPlacingAnswerByOutcome() {
		// The first order of a fresh context also fetches the service's token and warms
		// every client up; on a busy machine that alone can outlast the timeouts. The
		// counts start after it.
		String warmSku = sku("METRICS-WARM");
		inventoryReserves(warmSku);
		place("client-a", "metrics-warm-" + warmSku, line(warmSku, 1));
		double confirmed = orders("confirmed", "request");
		double rejected = orders("rejected", "request");
		double pending = orders("pending", "request");
		long reserved = reservations("reserved").count();
		long shortOfStock = reservations("rejected").count();
		long failed = reservations("failed").count();

		String okSku = sku("METRICS-OK");
		inventoryReserves(okSku);
		assertThat(place("client-a", "metrics-ok-" + okSku, line(okSku, 1)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		String shortSku = sku("METRICS-SHORT");
		inventoryIsShortOf(shortSku, 3, 1);
		assertThat(place("client-a", "metrics-short-" + shortSku, line(shortSku, 3)).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
		String downSku = sku("METRICS-DOWN");
		inventory.stubFor(reservationOf(downSku).willReturn(aResponse().withStatus(503)));
		assertThat(place("client-a", "metrics-down-" + downSku, line(downSku, 1)).getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);
		// A replay is the same order again: not counted twice.
		assertThat(place("client-a", "metrics-ok-" + okSku, line(okSku, 1)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		assertThat(orders("confirmed", "request")).isEqualTo(confirmed + 1);
		assertThat(orders("rejected", "request")).isEqualTo(rejected + 1);
		assertThat(orders("pending", "request")).isEqualTo(pending + 1);
		assertThat(reservations("reserved").count()).isEqualTo(reserved + 1);
		assertThat(reservations("rejected").count()).isEqualTo(shortOfStock + 1);
		assertThat(reservations("failed").count()).isEqualTo(failed + 1);
	}

	@Test
	void countsWhatTheReconcilerSettles() {
		String sku = sku("METRICS-LATE");
		inventory.stubFor(reservationOf(sku).willReturn(aResponse().withStatus(503)));
		ResponseEntity<String> placed = place("client-a", "metrics-late-" + sku, line(sku, 1));
		assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String id = idOf(placed);
		double settled = orders("confirmed", "reconciler");
		double placedConfirmed = orders("confirmed", "request");

		inventoryReserves(sku);
		await().atMost(RECONCILED).untilAsserted(() -> assertThat(statusOf("client-a", id)).isEqualTo("CONFIRMED"));

		assertThat(orders("confirmed", "reconciler")).isGreaterThanOrEqualTo(settled + 1);
		assertThat(orders("confirmed", "request")).isEqualTo(placedConfirmed);
	}

	@Test
	void countsACancellationOnce() {
		String sku = sku("METRICS-CANCEL");
		inventoryReserves(sku);
		String id = idOf(place("client-a", "metrics-cancel-" + sku, line(sku, 1)));
		double cancelled = orders("cancelled", "request");

		assertThat(cancel("client-a", id).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(cancel("client-a", id).getStatusCode()).isEqualTo(HttpStatus.OK);

		assertThat(orders("cancelled", "request")).isEqualTo(cancelled + 1);
	}

	@Test
	void scrapeShowsTheBusinessMetricsAndTheHttpHistogramsInTheSloBuckets() {
		String sku = sku("METRICS-SCRAPE");
		inventoryReserves(sku);
		assertThat(place("client-a", "metrics-scrape-" + sku, line(sku, 1)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		String scrape = http().get().uri("/actuator/prometheus").retrieve().body(String.class);

		assertThat(scrape).contains("# HELP shop_orders_total ")
			.contains("# HELP shop_inventory_reservation_seconds ")
			.contains("# HELP shop_reconciler_backlog ")
			.contains("# HELP shop_orders_pending_oldest_age_seconds ")
			.containsPattern("shop_orders_total\\{[^}]*outcome=\"confirmed\"[^}]*via=\"request\"[^}]*\\} [1-9]")
			.containsPattern("shop_reconciler_backlog\\{[^}]*task=\"reserve\"[^}]*\\} \\d")
			.containsPattern("shop_reconciler_backlog\\{[^}]*task=\"release\"[^}]*\\} \\d")
			.containsPattern("shop_orders_pending_oldest_age_seconds\\{[^}]*\\} \\d")
			.contains("# HELP http_server_requests_seconds Duration of the HTTP requests this service answered")
			.contains("# HELP http_client_requests_seconds Duration of the HTTP requests this service sent");
		for (String le : new String[] { "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "+Inf" }) {
			String bucket = "_bucket\\{[^}]*le=\"" + Pattern.quote(le) + "\"";
			assertThat(scrape).containsPattern("shop_inventory_reservation_seconds" + bucket)
				.containsPattern("http_server_requests_seconds" + bucket)
				.containsPattern("http_client_requests_seconds" + bucket);
		}
	}

	private double orders(String outcome, String via) {
		return this.meters.get("shop.orders").tags("outcome", outcome, "via", via).counter().count();
	}

	private Timer reservations(String outcome) {
		return this.meters.get("shop.inventory.reservation").tag("outcome", outcome).timer();
	}

}
