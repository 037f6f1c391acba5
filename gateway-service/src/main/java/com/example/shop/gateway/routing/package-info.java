/**
 * Route filters the gateway's routes use beyond the built-in ones.
 */
@NullMarked
package com.example.shop.gateway.routing;

import org.jspecify.annotations.NullMarked;
