package com.example.shop.order.order.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.common.problem.ProblemException;
import com.example.shop.order.order.Caller;
import com.example.shop.order.order.OrderService;
import com.example.shop.order.order.OrderView;

/**
 * The Order HTTP API. The owner of an order is the subject of the caller's token.
 */
@RestController
// Every answer is JSON: a client that accepts none of it gets a 406 before anything is
// placed or cancelled, not after.
@RequestMapping(path = OrderController.ORDERS, produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

	static final String ORDERS = "/api/orders";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final int MAX_IDEMPOTENCY_KEY_LENGTH = 100;

	static final String ADMIN_AUTHORITY = "SCOPE_orders:admin";

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	/**
	 * Places an order. The status code says how it went: 201 CONFIRMED, 202 PENDING
	 * (inventory did not answer in time; the order is kept and finished later), 409
	 * REJECTED (a problem naming the short SKUs). A replay with the same key and body
	 * answers the same way for the same order.
	 */
	@PostMapping
	ResponseEntity<OrderResponse> place(@RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
			@Valid @RequestBody PlaceOrderRequest request, JwtAuthenticationToken authentication) {
		checkIdempotencyKey(idempotencyKey);
		OrderView order = this.orders.place(authentication.getName(), idempotencyKey, request.toLines());
		return switch (order.status()) {
			case CONFIRMED -> ResponseEntity.created(location(order)).body(OrderResponse.of(order));
			case PENDING -> ResponseEntity.accepted().location(location(order)).body(OrderResponse.of(order));
			case REJECTED -> throw new InsufficientStockException(order);
			// Only a replay can meet a cancelled order: it shows what became of it.
			case CANCELLED -> ResponseEntity.ok().location(location(order)).body(OrderResponse.of(order));
		};
	}

	@GetMapping("/{id}")
	OrderResponse get(@PathVariable UUID id, JwtAuthenticationToken authentication) {
		return OrderResponse.of(this.orders.get(id, caller(authentication)));
	}

	/**
	 * The caller's orders (everybody's with {@code orders:admin}), newest first. Only
	 * {@code page} and {@code size} are read: the order is fixed. A page or size that is
	 * no whole number or out of range is refused (400 naming it); a size above
	 * {@link OrderWebConfiguration#MAX_PAGE_SIZE} is cut down to it.
	 */
	@GetMapping
	PagedModel<OrderResponse> list(@RequestParam(defaultValue = "0") @PositiveOrZero @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) int size, JwtAuthenticationToken authentication) {
		return new PagedModel<>(
				this.orders.list(caller(authentication), page, Math.min(size, OrderWebConfiguration.MAX_PAGE_SIZE))
					.map(OrderResponse::of));
	}

	@PostMapping("/{id}/cancel")
	OrderResponse cancel(@PathVariable UUID id, JwtAuthenticationToken authentication) {
		return OrderResponse.of(this.orders.cancel(id, caller(authentication)));
	}

	/**
	 * Checked by hand rather than with constraints on the parameter: those would switch
	 * the whole method to method validation, which reports the body's errors without
	 * their field paths.
	 */
	private static void checkIdempotencyKey(String idempotencyKey) {
		if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
					"The " + IDEMPOTENCY_KEY + " header must have 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters.")
				.with("errors", List.of(Map.of("field", IDEMPOTENCY_KEY, "message",
						"must have 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters, not all blank")));
		}
	}

	static URI location(OrderView order) {
		// Relative, so that it stays right behind the gateway.
		return URI.create(ORDERS + "/" + order.id());
	}

	private static Caller caller(JwtAuthenticationToken authentication) {
		boolean admin = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> ADMIN_AUTHORITY.equals(authority.getAuthority()));
		return new Caller(authentication.getName(), admin);
	}

}
