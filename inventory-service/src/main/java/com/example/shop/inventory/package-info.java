/**
 * Inventory service: items with their available stock ({@code item}) and all-or-nothing
 * stock reservations per order ({@code reservation}). The root package holds only what
 * spans both features: the application, its security rules and its problem handler.
 */
@NullMarked
package com.example.shop.inventory;

import org.jspecify.annotations.NullMarked;
