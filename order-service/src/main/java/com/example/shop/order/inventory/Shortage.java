package com.example.shop.order.inventory;

/**
 * A line inventory could not reserve.
 *
 * @param sku the stock keeping unit
 * @param requested how many the order asked for
 * @param available how many inventory had
 */
public record Shortage(String sku, int requested, int available) {
}
