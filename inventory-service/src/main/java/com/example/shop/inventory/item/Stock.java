package com.example.shop.inventory.item;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes the available stock of items on behalf of other features (reservations). Every
 * method joins the caller's transaction, which must exist: taking stock is only safe as
 * part of a larger all-or-nothing unit that the caller commits or rolls back.
 */
@Component
public class Stock {

	private final ItemRepository items;

	Stock(ItemRepository items) {
		this.items = items;
	}

	/**
	 * Takes the quantity off the item's stock if at least that much is available.
	 * @param sku the item
	 * @param quantity how much to take, at least 1
	 * @return whether the stock was taken; {@code false} when too little is available or
	 * the item does not exist
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean take(String sku, int quantity) {
		return this.items.takeIfAvailable(sku, quantity, Instant.now()) == 1;
	}

	/**
	 * Gives stock back that {@link #take(String, int)} took.
	 * @param sku the item
	 * @param quantity how much to give back
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void giveBack(String sku, int quantity) {
		this.items.giveBack(sku, quantity, Instant.now());
	}

	/**
	 * How much of an item is available now.
	 * @param sku the item
	 * @return the available stock, 0 for an unknown item
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int available(String sku) {
		return this.items.findAvailableBySku(sku).orElse(0);
	}

}
