package com.example.shop.common.lifecycle;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Gives every service a drain delay on shutdown ({@code shop.shutdown.drain-delay}).
 */
@AutoConfiguration
@EnableConfigurationProperties(ShutdownDrainProperties.class)
public final class ShutdownDrainAutoConfiguration {

	@Bean
	SmartLifecycle shutdownDrain(ShutdownDrainProperties properties) {
		return new ShutdownDrain(properties.drainDelay());
	}

}
