package com.example.shop.order.order;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the order feature.
 *
 * @param maxLines how many lines one order may have (config-repo sets 10)
 * @param reconciler how PENDING orders are finished in the background
 */
@Validated
@ConfigurationProperties("orders")
public record OrderProperties(@DefaultValue("50") @Min(1) @Max(10000) int maxLines,
		@DefaultValue @Valid Reconciler reconciler) {

	/** Default pause between two reconciler passes (also read by its schedule). */
	static final String DEFAULT_INTERVAL = "5s";

	/**
	 * Settings of the reconciler.
	 *
	 * @param enabled whether this instance runs it (every instance may: claims are
	 * exclusive)
	 * @param interval pause between two passes
	 * @param minAge how long an order must have been left alone before the reconciler
	 * touches it; longer than a placing request's inventory call, so that the reconciler
	 * does not race the request that is still waiting for its answer
	 * @param batchSize at most this many orders per pass
	 */
	public record Reconciler(@DefaultValue("true") boolean enabled,
			@DefaultValue(DEFAULT_INTERVAL) @DurationMin(millis = 10) Duration interval,
			@DefaultValue("5s") @DurationMin(millis = 0) Duration minAge,
			@DefaultValue("50") @Min(1) @Max(1000) int batchSize) {

	}

}
