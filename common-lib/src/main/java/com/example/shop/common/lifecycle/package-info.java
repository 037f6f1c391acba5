/**
 * How a service stops: readiness down first, then a pause while load balancers notice,
 * then Spring Boot's graceful shutdown.
 */
@NullMarked
package com.example.shop.common.lifecycle;

import org.jspecify.annotations.NullMarked;
