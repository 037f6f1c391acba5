package com.example.shop.inventory.item;

import org.springframework.http.HttpStatus;

import com.example.shop.common.problem.ProblemException;

class ItemNotFoundException extends ProblemException {

	ItemNotFoundException(String sku) {
		super(HttpStatus.NOT_FOUND, "not-found", "Not found", "No item with SKU '" + sku + "' exists.");
	}

}
