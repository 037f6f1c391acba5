/**
 * Spring Cloud Bus over RabbitMQ, which carries a refresh to every instance at once; off
 * unless {@code spring.cloud.bus.enabled} is true.
 */
@NullMarked
package com.example.shop.gateway.bus;

import org.jspecify.annotations.NullMarked;
