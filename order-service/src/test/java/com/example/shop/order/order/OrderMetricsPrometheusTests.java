package com.example.shop.order.order;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import com.example.shop.order.inventory.ReservationResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The metrics as Prometheus scrapes them from {@code /actuator/prometheus}: the names,
 * labels and help texts that the alert rules and the dashboard select, and the SLO
 * buckets of the reservation histogram.
 */
class OrderMetricsPrometheusTests {

	private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final OrderStore store = mock(OrderStore.class);

	private final OrderMetrics metrics = new OrderMetrics(this.registry, this.store, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void exposesEveryOrderSeriesFromTheStartWithHelp() {
		given(this.store.backlog()).willReturn(new OrderMetrics.Backlog(0, null, 0));

		String scrape = this.registry.scrape();

		assertThat(scrape).contains("# HELP shop_orders_total Orders by outcome")
			.contains("# TYPE shop_orders_total counter")
			.contains("shop_orders_total{outcome=\"confirmed\",via=\"request\"} 0.0")
			.contains("shop_orders_total{outcome=\"rejected\",via=\"request\"} 0.0")
			.contains("shop_orders_total{outcome=\"pending\",via=\"request\"} 0.0")
			.contains("shop_orders_total{outcome=\"cancelled\",via=\"request\"} 0.0")
			.contains("shop_orders_total{outcome=\"confirmed\",via=\"reconciler\"} 0.0")
			.contains("shop_orders_total{outcome=\"rejected\",via=\"reconciler\"} 0.0")
			.contains("shop_reconciler_backlog{task=\"reserve\"} 0.0")
			.contains("shop_reconciler_backlog{task=\"release\"} 0.0")
			.contains("# HELP shop_orders_pending_oldest_age_seconds Age of the oldest PENDING order")
			.contains("shop_orders_pending_oldest_age_seconds 0.0");
	}

	@Test
	void exposesTheBacklogAndTheAgeOfTheOldestPendingOrder() {
		given(this.store.backlog()).willReturn(new OrderMetrics.Backlog(3, NOW.minusSeconds(90), 2));

		String scrape = this.registry.scrape();

		assertThat(scrape).contains("shop_reconciler_backlog{task=\"reserve\"} 3.0")
			.contains("shop_reconciler_backlog{task=\"release\"} 2.0")
			.contains("shop_orders_pending_oldest_age_seconds 90.0");
	}

	@Test
	void timesReservationsInTheSloBuckets() {
		this.metrics.timeReservation(ReservationResult.Reserved::new);
		this.metrics.timeReservation(() -> new ReservationResult.Unavailable("timeout"));

		String scrape = this.registry.scrape();

		assertThat(scrape).contains("# TYPE shop_inventory_reservation_seconds histogram");
		for (String outcome : new String[] { "reserved", "rejected", "failed" }) {
			for (String le : new String[] { "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "+Inf" }) {
				assertThat(scrape).contains(
						"shop_inventory_reservation_seconds_bucket{outcome=\"" + outcome + "\",le=\"" + le + "\"}");
			}
		}
		assertThat(scrape).contains("shop_inventory_reservation_seconds_count{outcome=\"reserved\"} 1")
			.contains("shop_inventory_reservation_seconds_count{outcome=\"failed\"} 1")
			.contains("shop_inventory_reservation_seconds_count{outcome=\"rejected\"} 0")
			// Exactly the SLO boundaries: no other bucket.
			.doesNotContain("le=\"0.001\"");
	}

}
