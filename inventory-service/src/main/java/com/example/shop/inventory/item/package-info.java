/**
 * Items and their available stock: the catalogue API ({@code /api/inventory/items}) and
 * {@link com.example.shop.inventory.item.Stock}, the only way other features change
 * stock.
 */
@NullMarked
package com.example.shop.inventory.item;

import org.jspecify.annotations.NullMarked;
