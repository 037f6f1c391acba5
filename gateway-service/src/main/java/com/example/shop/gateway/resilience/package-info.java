/**
 * A circuit breaker and a time limit on every route (Spring Cloud CircuitBreaker over
 * Resilience4j), and the fallback that answers for a route whose breaker is open.
 */
@NullMarked
package com.example.shop.gateway.resilience;

import org.jspecify.annotations.NullMarked;
