/**
 * The gateway's meters as Prometheus names them: snake_case labels and help text for
 * Spring Cloud Gateway's own meters.
 */
@NullMarked
package com.example.shop.gateway.metrics;

import org.jspecify.annotations.NullMarked;
