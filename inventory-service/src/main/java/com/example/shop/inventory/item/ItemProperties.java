package com.example.shop.inventory.item;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the item catalogue.
 *
 * @param maxPageSize the largest page {@code GET /api/inventory/items} answers with;
 * larger requested sizes are cut down to it
 */
@Validated
@ConfigurationProperties("inventory.items")
record ItemProperties(@DefaultValue("100") @Min(1) @Max(1000) int maxPageSize) {

}
