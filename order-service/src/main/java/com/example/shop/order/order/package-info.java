/**
 * Orders: the domain, its persistence and the reconciler that finishes orders whose
 * reservation could not be settled while the client waited. Entities and the repository
 * stay package-private so that nothing outside this package can serialise or change them;
 * the web layer works with {@link com.example.shop.order.order.OrderService} and
 * {@link com.example.shop.order.order.OrderView} only.
 */
@NullMarked
package com.example.shop.order.order;

import org.jspecify.annotations.NullMarked;
