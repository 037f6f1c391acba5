/**
 * Trace correlation every service shares: the {@code X-Trace-Id} response header and the
 * {@code traceId} member of every problem, both naming the trace of the request
 * (Micrometer Tracing over Brave, W3C propagation).
 */
@NullMarked
package com.example.shop.common.tracing;

import org.jspecify.annotations.NullMarked;
