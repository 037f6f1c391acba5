/**
 * Metrics every service shares: help text for framework meters that have none. The
 * histogram buckets are set in {@code shop-common.yml}.
 */
@NullMarked
package com.example.shop.common.metrics;

import org.jspecify.annotations.NullMarked;
