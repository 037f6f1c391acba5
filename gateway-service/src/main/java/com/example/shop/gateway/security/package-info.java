/**
 * Token checks at the edge: the gateway is a JWT resource server of its own, so a request
 * without a valid token never reaches a service.
 */
@NullMarked
package com.example.shop.gateway.security;

import org.jspecify.annotations.NullMarked;
