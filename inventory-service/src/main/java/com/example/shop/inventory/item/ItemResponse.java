package com.example.shop.inventory.item;

/**
 * An item as the API shows it.
 *
 * @param sku the stock keeping unit
 * @param name the display name
 * @param available the stock that can still be reserved
 */
record ItemResponse(String sku, String name, int available) {

	static ItemResponse of(Item item) {
		return new ItemResponse(item.getSku(), item.getName(), item.getAvailable());
	}

}
