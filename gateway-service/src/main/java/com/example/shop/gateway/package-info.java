/**
 * The gateway service: Spring Cloud Gateway (server-webflux) in front of every service.
 */
@NullMarked
package com.example.shop.gateway;

import org.jspecify.annotations.NullMarked;
