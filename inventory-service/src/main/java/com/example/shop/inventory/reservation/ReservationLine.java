package com.example.shop.inventory.reservation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One reserved SKU of a reservation.
 *
 * @param sku the item
 * @param quantity how much of it is reserved
 */
@Embeddable
record ReservationLine(@Column(name = "sku", nullable = false) String sku,
		@Column(name = "quantity", nullable = false) int quantity) {

}
