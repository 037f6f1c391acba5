package com.example.shop.order.inventory;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The {@link InventoryClient} that follows {@code orders.inventory.*}: a refresh that
 * changes those settings builds a new client (base URL, timeouts, connection pool, token
 * retry), and the next call uses it. Calls under way finish on the client they started
 * with, which is closed once the longest of them is over.
 */
final class LiveInventoryClient implements InventoryClient, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LiveInventoryClient.class);

	private final Function<InventoryClientProperties, Client> builder;

	private volatile Client current;

	/**
	 * Builds the first client.
	 * @param builder builds a client for the given settings; throws if it cannot
	 * @param properties the settings at start
	 */
	LiveInventoryClient(Function<InventoryClientProperties, Client> builder, InventoryClientProperties properties) {
		this.builder = builder;
		this.current = builder.apply(properties);
	}

	/**
	 * Builds a client for new settings and sends the next calls through it. If it cannot
	 * be built (a client registration that does not exist, say), the client in use stays
	 * and one ERROR says why.
	 * @param properties the new settings
	 */
	synchronized void rebuild(InventoryClientProperties properties) {
		Client replacement;
		try {
			replacement = this.builder.apply(properties);
		}
		catch (RuntimeException ex) {
			logger.error("Kept the inventory client in use, the new orders.inventory settings do not make one: {}",
					ex.getMessage());
			return;
		}
		Client previous = this.current;
		this.current = replacement;
		logger.info("Inventory client rebuilt for {} (connect timeout {}, read timeout {})", properties.baseUrl(),
				properties.connectTimeout(), properties.readTimeout());
		long grace = previous.longestCall().toMillis();
		CompletableFuture.delayedExecutor(grace, TimeUnit.MILLISECONDS).execute(previous::close);
	}

	@Override
	public ReservationResult reserve(UUID orderId, List<ReservationLine> lines) {
		return this.current.client().reserve(orderId, lines);
	}

	@Override
	public boolean release(UUID orderId) {
		return this.current.client().release(orderId);
	}

	@Override
	public boolean acceptsCalls() {
		return this.current.client().acceptsCalls();
	}

	@Override
	public void destroy() {
		this.current.close();
	}

	/**
	 * A client built for one set of settings.
	 *
	 * @param client the client
	 * @param resources what to close when it is no longer used (its HTTP client)
	 * @param longestCall the longest a call started on it may still run
	 */
	record Client(InventoryClient client, AutoCloseable resources, Duration longestCall) {

		void close() {
			try {
				this.resources.close();
			}
			catch (Exception ex) {
				logger.debug("Closing a replaced inventory client failed", ex);
			}
		}

	}

}
