package com.example.shop.common.metrics;

import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * What every service's metrics share beyond configuration: help text for the framework
 * meters that come without one ({@link MeterDescriptions}). The histograms' SLO buckets
 * are configuration (the metrics section of {@code shop-common.yml}); Spring Boot applies
 * every {@link MeterFilter} bean to its registries.
 */
@AutoConfiguration
@ConditionalOnClass(MeterFilter.class)
public final class MetricsAutoConfiguration {

	@Bean
	MeterDescriptions sharedMeterDescriptions() {
		return MeterDescriptions.shared();
	}

}
