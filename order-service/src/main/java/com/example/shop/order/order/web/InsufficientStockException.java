package com.example.shop.order.order.web;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

import com.example.shop.common.problem.ProblemException;
import com.example.shop.order.order.OrderView;

/**
 * Answer for a REJECTED order: the same problem type inventory uses, with the order id
 * and the shortages inventory named.
 */
class InsufficientStockException extends ProblemException {

	InsufficientStockException(OrderView order) {
		super(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock", detail(order));
		with("orderId", order.id());
		with("shortages", order.shortages().stream().map(ShortageBody::of).toList());
		getHeaders().setLocation(OrderController.location(order));
	}

	private static String detail(OrderView order) {
		if (order.shortages().isEmpty()) {
			return "Order " + order.id() + " was rejected: there is not enough stock.";
		}
		return "Order " + order.id() + " was rejected: not enough stock of "
				+ order.shortages().stream().map(OrderView.Shortage::sku).collect(Collectors.joining(", ")) + ".";
	}

	record ShortageBody(String sku, int requested, int available) {

		static ShortageBody of(OrderView.Shortage shortage) {
			return new ShortageBody(shortage.sku(), shortage.requested(), shortage.available());
		}

	}

}
