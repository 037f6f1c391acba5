package com.example.shop.order.inventory;

/**
 * One line to reserve.
 *
 * @param sku the stock keeping unit
 * @param quantity how many
 */
public record ReservationLine(String sku, int quantity) {
}
