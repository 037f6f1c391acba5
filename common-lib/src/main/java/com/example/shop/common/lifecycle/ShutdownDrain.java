package com.example.shop.common.lifecycle;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The first thing to stop: waits for the drain delay, so that for that long a stopping
 * service answers its readiness probe with 503 (Spring Boot switched it to
 * refusing-traffic when the context began to close) while it still serves every request
 * that arrives. Load balancers and the gateway's health checks see it leave before its
 * port closes; only then does the web server's graceful shutdown finish the requests in
 * flight and stop.
 */
final class ShutdownDrain implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ShutdownDrain.class);

	private final Duration delay;

	private volatile boolean running;

	ShutdownDrain(Duration delay) {
		this.delay = delay;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.delay.isZero()) {
			return;
		}
		logger.info("Readiness is down; serving for {} more before shutting down", this.delay);
		try {
			Thread.sleep(this.delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops before every other lifecycle, the web server's graceful shutdown included.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
