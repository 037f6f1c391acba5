package com.example.shop.order.inventory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client swap behind a refresh of {@code orders.inventory.*}: the next call goes to
 * the new client, the replaced one is closed once its longest call could be over (not
 * before), and settings that make no client leave the one in use alone.
 */
class LiveInventoryClientTests {

	private static final InventoryClientProperties PROPERTIES = new Binder(
			new MapConfigurationPropertySource(Map.of("orders.inventory.base-url", "http://127.0.0.1:1")))
		.bindOrCreate("orders.inventory", InventoryClientProperties.class);

	@Test
	void sendsTheNextCallToTheNewClientAndClosesTheOldOneAfterItsLongestCall() throws Exception {
		CountDownLatch firstClosed = new CountDownLatch(1);
		AtomicInteger built = new AtomicInteger();
		LiveInventoryClient live = new LiveInventoryClient((properties) -> {
			int number = built.incrementAndGet();
			return new LiveInventoryClient.Client(new Answering(number), () -> {
				if (number == 1) {
					firstClosed.countDown();
				}
			}, Duration.ofMillis(300));
		}, PROPERTIES);

		live.rebuild(PROPERTIES);

		assertThat(live.reserve(UUID.randomUUID(), List.of())).isEqualTo(new ReservationResult.Unavailable("client 2"));
		assertThat(firstClosed.getCount()).as("not closed while a call may still run on it").isOne();
		assertThat(firstClosed.await(5, TimeUnit.SECONDS)).as("closed after its longest call").isTrue();
	}

	@Test
	void keepsTheClientInUseWhenTheNewSettingsMakeNone() {
		AtomicInteger built = new AtomicInteger();
		LiveInventoryClient live = new LiveInventoryClient((properties) -> {
			if (built.incrementAndGet() > 1) {
				throw new IllegalStateException("no client registration 'other'");
			}
			return new LiveInventoryClient.Client(new Answering(1), () -> {
			}, Duration.ZERO);
		}, PROPERTIES);

		live.rebuild(PROPERTIES);

		assertThat(live.reserve(UUID.randomUUID(), List.of())).isEqualTo(new ReservationResult.Unavailable("client 1"));
	}

	/** A client that says which one it is. */
	private record Answering(int number) implements InventoryClient {

		@Override
		public ReservationResult reserve(UUID orderId, List<ReservationLine> lines) {
			return new ReservationResult.Unavailable("client " + this.number);
		}

		@Override
		public boolean release(UUID orderId) {
			return false;
		}

		@Override
		public boolean acceptsCalls() {
			return true;
		}

	}

}
