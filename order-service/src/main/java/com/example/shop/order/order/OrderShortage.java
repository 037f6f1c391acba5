package com.example.shop.order.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A row of {@code order_shortage}: kept so that replaying the request of a rejected order
 * answers with the same shortages as the first time.
 *
 * @param sku the stock keeping unit
 * @param requested how many the order asked for
 * @param available how many inventory had
 */
@Embeddable
record OrderShortage(@Column(nullable = false) String sku, @Column(nullable = false) int requested,
		@Column(nullable = false) int available) {
}
