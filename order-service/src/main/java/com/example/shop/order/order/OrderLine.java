package com.example.shop.order.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A row of {@code order_line}; its position is the {@code line_no} column.
 *
 * @param sku the stock keeping unit
 * @param quantity how many
 */
@Embeddable
record OrderLine(@Column(nullable = false) String sku, @Column(nullable = false) int quantity) {
}
