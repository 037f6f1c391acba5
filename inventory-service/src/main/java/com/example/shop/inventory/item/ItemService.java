package com.example.shop.inventory.item;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.common.config.LiveProperties;

@Service
class ItemService {

	private static final Sort BY_SKU = Sort.by("sku");

	private final ItemRepository items;

	// Read on every request: a refresh changes inventory.items.max-page-size without a
	// restart.
	private final LiveProperties<ItemProperties> properties;

	ItemService(ItemRepository items, LiveProperties<ItemProperties> properties) {
		this.items = items;
		this.properties = properties;
	}

	@Transactional(readOnly = true)
	ItemResponse find(String sku) {
		return this.items.findById(sku).map(ItemResponse::of).orElseThrow(() -> new ItemNotFoundException(sku));
	}

	/**
	 * One page of items in SKU order, so that paging through is stable.
	 * @param page the zero-based page number
	 * @param size the requested page size, cut down to the configured maximum
	 * @return the page
	 */
	@Transactional(readOnly = true)
	Page<ItemResponse> list(int page, int size) {
		int pageSize = Math.min(size, this.properties.get().maxPageSize());
		return this.items.findAll(PageRequest.of(page, pageSize, BY_SKU)).map(ItemResponse::of);
	}

	/**
	 * Creates the item or replaces its name and available stock.
	 * @param sku the item
	 * @param request the new state
	 * @return the item and whether it was created
	 */
	@Transactional
	Upserted upsert(String sku, ItemRequest request) {
		String name = request.name().strip();
		int available = request.available();
		return this.items.findById(sku).map((item) -> {
			item.update(name, available);
			return new Upserted(ItemResponse.of(item), false);
		}).orElseGet(() -> new Upserted(ItemResponse.of(this.items.save(new Item(sku, name, available))), true));
	}

	record Upserted(ItemResponse item, boolean created) {

	}

}
