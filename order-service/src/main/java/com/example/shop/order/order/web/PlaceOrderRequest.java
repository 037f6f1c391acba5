package com.example.shop.order.order.web;

import java.util.List;
import java.util.Objects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.example.shop.order.order.OrderView;

/**
 * Body of {@code POST /api/orders}. The SKU and quantity rules are inventory's, checked
 * here already so that an order inventory would refuse as malformed is never accepted.
 *
 * @param lines what to order: 1 to {@code orders.max-lines} lines
 */
record PlaceOrderRequest(@NotEmpty @MaxLines @Nullable List<@NotNull @Valid LineRequest> lines) {

	List<OrderView.Line> toLines() {
		List<LineRequest> lines = Objects.requireNonNull(this.lines);
		// Only called on a validated request: every field is present.
		return lines.stream()
			.map((line) -> new OrderView.Line(Objects.requireNonNull(line.sku()),
					Objects.requireNonNull(line.quantity())))
			.toList();
	}

	/**
	 * One line of the order.
	 *
	 * @param sku the stock keeping unit
	 * @param quantity how many, 1 to 10000
	 */
	record LineRequest(@NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
			message = "must start with a letter or digit and contain only letters, digits, '.', '_' and '-'") @Nullable String sku,
			@NotNull @Min(1) @Max(10000) @Nullable Integer quantity) {

	}

}
