package com.example.shop.inventory.item;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.data.domain.Page;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
// Every answer is JSON: a client that accepts none of it gets a 406 before an item is
// changed, not after.
@RequestMapping(path = "/api/inventory/items", produces = MediaType.APPLICATION_JSON_VALUE)
class ItemController {

	private final ItemService items;

	ItemController(ItemService items) {
		this.items = items;
	}

	@GetMapping("/{sku}")
	ItemResponse item(@PathVariable String sku) {
		return this.items.find(sku);
	}

	/**
	 * Lists items; the page is rendered as Spring Data's {@code PagedModel}
	 * ({@code content} and {@code page}).
	 * @param page the zero-based page number
	 * @param size the page size (larger sizes are cut down to the configured maximum)
	 * @return the page
	 */
	@GetMapping
	Page<ItemResponse> items(@RequestParam(defaultValue = "0") @PositiveOrZero @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(10_000) int size) {
		return this.items.list(page, size);
	}

	@PutMapping("/{sku}")
	ResponseEntity<ItemResponse> put(@PathVariable @Sku String sku, @Valid @RequestBody ItemRequest request) {
		ItemService.Upserted upserted = this.items.upsert(sku, request);
		if (upserted.created()) {
			// Relative, so that it stays right behind the gateway.
			return ResponseEntity.created(URI.create("/api/inventory/items/" + sku)).body(upserted.item());
		}
		return ResponseEntity.ok(upserted.item());
	}

}
