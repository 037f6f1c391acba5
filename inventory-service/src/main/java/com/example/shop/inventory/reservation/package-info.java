/**
 * All-or-nothing stock reservations, one per order id
 * ({@code /api/inventory/reservations}). Stock is changed only through
 * {@link com.example.shop.inventory.item.Stock}.
 */
@NullMarked
package com.example.shop.inventory.reservation;

import org.jspecify.annotations.NullMarked;
