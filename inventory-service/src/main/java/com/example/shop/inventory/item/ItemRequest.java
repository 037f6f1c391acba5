package com.example.shop.inventory.item;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/inventory/items/{sku}}.
 *
 * @param name the display name, without control characters (PostgreSQL refuses NUL in
 * text, and no display needs the others)
 * @param available the stock to set; capped far below {@code int} overflow so that giving
 * reserved stock back can never overflow
 */
record ItemRequest(
		@NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*",
				message = "must not contain control characters") String name,
		@NotNull @PositiveOrZero @Max(1_000_000_000) Integer available) {

}
