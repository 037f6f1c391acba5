/**
 * Client of inventory-service's HTTP API. The rest of the service sees only
 * {@link com.example.shop.order.inventory.InventoryClient} and its result types; the wire
 * records, the {@code RestClient} and the OAuth2 client-credentials setup stay in here.
 * No type is shared with inventory-service: the contract is HTTP.
 */
@NullMarked
package com.example.shop.order.inventory;

import org.jspecify.annotations.NullMarked;
