/**
 * The Order HTTP API: request and response bodies, the controller, the problem mapping
 * and the authorization rules.
 */
@NullMarked
package com.example.shop.order.order.web;

import org.jspecify.annotations.NullMarked;
