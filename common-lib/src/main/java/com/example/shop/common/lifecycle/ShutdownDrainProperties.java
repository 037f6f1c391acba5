package com.example.shop.common.lifecycle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shop.shutdown.*}.
 *
 * @param drainDelay how long a stopping service keeps serving, with its readiness already
 * down, before the web server stops taking new connections and graceful shutdown begins;
 * 0 (the default) stops at once
 */
@ConfigurationProperties("shop.shutdown")
public record ShutdownDrainProperties(@DefaultValue("0s") Duration drainDelay) {

	public ShutdownDrainProperties {
		if (drainDelay.isNegative()) {
			throw new IllegalArgumentException("shop.shutdown.drain-delay must not be negative");
		}
	}

}
