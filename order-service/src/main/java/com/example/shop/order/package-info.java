/**
 * Order service: places, reads and cancels orders, reserving their stock in
 * inventory-service through its HTTP API.
 */
@NullMarked
package com.example.shop.order;

import org.jspecify.annotations.NullMarked;
