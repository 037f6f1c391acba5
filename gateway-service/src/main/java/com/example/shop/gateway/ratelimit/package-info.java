/**
 * Per-client rate limits for Spring Cloud Gateway's {@code RequestRateLimiter}: who a
 * request counts against, and the limiter that counts, in Redis when one is configured
 * and in memory otherwise.
 */
@NullMarked
package com.example.shop.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
