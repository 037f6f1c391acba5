package com.example.shop.order.order.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.common.test.UseTestJwtIssuer;
import com.example.shop.order.order.Caller;
import com.example.shop.order.order.IdempotencyKeyReusedException;
import com.example.shop.order.order.InventoryUnavailableException;
import com.example.shop.order.order.OrderNotCancellableException;
import com.example.shop.order.order.OrderNotFoundException;
import com.example.shop.common.config.LiveProperties;
import com.example.shop.order.order.OrderProperties;
import com.example.shop.order.order.OrderService;
import com.example.shop.order.order.OrderStatus;
import com.example.shop.order.order.OrderView;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Order API's HTTP contract with real signed tokens: scopes, status codes, problem
 * bodies and request validation. The limit of lines is set to 2 here, so these tests also
 * prove that {@code orders.max-lines} is what decides (the flow tests place a three-line
 * order under the default limit).
 */
@WebMvcTest(controllers = OrderController.class, properties = "orders.max-lines=2")
@UseTestJwtIssuer
@Import({ OrderWebConfiguration.class, OrderControllerTests.Properties.class })
class OrderControllerTests {

	private static final String PROBLEM = "https://shop.example.com/problems/";

	private static final String ONE_LINE = "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":2}]}";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private OrderService orders;

	@Test
	void refusesRequestsWithoutTokenWithProblem() throws Exception {
		this.mvc.perform(get("/api/orders"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
			.andExpect(jsonPath("$.type").value(PROBLEM + "unauthorized"));
	}

	@Test
	void refusesExpiredForeignAndOtherIssuersTokens() throws Exception {
		TestJwtIssuer issuer = TestJwtIssuer.shared();
		for (String token : List.of(issuer.expiredToken("client-a", "orders:read"),
				issuer.tokenWithForeignSignature("client-a", "orders:read"),
				issuer.tokenFromOtherIssuer("client-a", "orders:read"),
				// A valid token of this issuer, for another service (order-service's own
				// token for inventory, say).
				issuer.tokenFor(List.of("inventory-service"), "client-a", "orders:read"))) {
			this.mvc.perform(get("/api/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.andExpect(status().isUnauthorized())
				.andExpect(jsonPath("$.type").value(PROBLEM + "unauthorized"));
		}
	}

	@Test
	void forbidsPlacingOrdersWithoutWriteScope() throws Exception {
		this.mvc.perform(place(ONE_LINE, "key-1", "orders:read"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(PROBLEM + "forbidden"));
		then(this.orders).should(never()).place(anyString(), anyString(), anyList());
	}

	@Test
	void forbidsCancellingWithoutWriteScope() throws Exception {
		this.mvc
			.perform(post("/api/orders/{id}/cancel", UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION,
					bearer("client-a", "orders:read")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value(PROBLEM + "forbidden"));
	}

	@Test
	void forbidsReadingWithoutReadScope() throws Exception {
		this.mvc.perform(get("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer("client-a", "orders:write")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value(PROBLEM + "forbidden"));
		this.mvc.perform(get("/api/orders/{id}", UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION,
				bearer("client-a", "inventory:read")))
			.andExpect(status().isForbidden());
	}

	@Test
	void answersCreatedWithLocationForConfirmedOrder() throws Exception {
		OrderView order = order(OrderStatus.CONFIRMED);
		given(this.orders.place(eq("client-a"), eq("key-1"), eq(List.of(new OrderView.Line("A-1", 2)))))
			.willReturn(order);
		this.mvc.perform(place(ONE_LINE, "key-1", "orders:write"))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/orders/" + order.id()))
			.andExpect(jsonPath("$.id").value(order.id().toString()))
			.andExpect(jsonPath("$.status").value("CONFIRMED"))
			.andExpect(jsonPath("$.lines[0].sku").value("A-1"))
			.andExpect(jsonPath("$.lines[0].quantity").value(2))
			.andExpect(jsonPath("$.createdAt").value("2026-01-02T03:04:05Z"))
			.andExpect(jsonPath("$.owner").doesNotExist());
	}

	@Test
	void answersAcceptedWithLocationForPendingOrder() throws Exception {
		OrderView order = order(OrderStatus.PENDING);
		given(this.orders.place(anyString(), anyString(), anyList())).willReturn(order);
		this.mvc.perform(place(ONE_LINE, "key-1", "orders:write"))
			.andExpect(status().isAccepted())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/orders/" + order.id()))
			.andExpect(jsonPath("$.status").value("PENDING"));
	}

	@Test
	void answersInsufficientStockProblemForRejectedOrder() throws Exception {
		OrderView order = new OrderView(UUID.randomUUID(), "client-a", OrderStatus.REJECTED,
				List.of(new OrderView.Line("A-1", 2)), List.of(new OrderView.Shortage("A-1", 2, 1)),
				Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:05Z"));
		given(this.orders.place(anyString(), anyString(), anyList())).willReturn(order);
		this.mvc.perform(place(ONE_LINE, "key-1", "orders:write"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(PROBLEM + "insufficient-stock"))
			.andExpect(jsonPath("$.orderId").value(order.id().toString()))
			.andExpect(jsonPath("$.shortages[0].sku").value("A-1"))
			.andExpect(jsonPath("$.shortages[0].requested").value(2))
			.andExpect(jsonPath("$.shortages[0].available").value(1))
			.andExpect(jsonPath("$.detail", containsString("A-1")));
	}

	@Test
	void rejectsMoreLinesThanTheConfiguredLimitNamingIt() throws Exception {
		this.mvc
			.perform(place("{\"lines\":[{\"sku\":\"A-1\",\"quantity\":1},{\"sku\":\"A-2\",\"quantity\":1},"
					+ "{\"sku\":\"A-3\",\"quantity\":1}]}", "key-1", "orders:write"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(PROBLEM + "validation"))
			.andExpect(jsonPath("$.errors[0].field").value("lines"))
			.andExpect(jsonPath("$.errors[0].message", containsString("at most 2 lines")));
		then(this.orders).should(never()).place(anyString(), anyString(), anyList());
	}

	@Test
	void acceptsAsManyLinesAsTheConfiguredLimit() throws Exception {
		given(this.orders.place(anyString(), anyString(), anyList())).willReturn(order(OrderStatus.CONFIRMED));
		this.mvc
			.perform(place("{\"lines\":[{\"sku\":\"A-1\",\"quantity\":1},{\"sku\":\"A-2\",\"quantity\":1}]}", "key-1",
					"orders:write"))
			.andExpect(status().isCreated());
	}

	@Test
	void rejectsInvalidLinesNamingEachField() throws Exception {
		this.mvc
			.perform(place("{\"lines\":[{\"sku\":\"A-1\",\"quantity\":0},{\"sku\":\"-bad sku\",\"quantity\":10001}]}",
					"key-1", "orders:write"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(PROBLEM + "validation"))
			.andExpect(jsonPath("$.errors", hasSize(3)))
			.andExpect(jsonPath("$.errors[?(@.field == 'lines[0].quantity')].message", hasItem(containsString("1"))))
			.andExpect(jsonPath("$.errors[?(@.field == 'lines[1].sku')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'lines[1].quantity')]").exists());
		then(this.orders).should(never()).place(anyString(), anyString(), anyList());
	}

	@Test
	void rejectsOrderWithoutLines() throws Exception {
		for (String body : List.of("{\"lines\":[]}", "{}", "{\"lines\":[null]}", "{\"lines\":[{\"sku\":\"A-1\"}]}")) {
			this.mvc.perform(place(body, "key-1", "orders:write"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.type").value(PROBLEM + "validation"));
		}
	}

	@Test
	void requiresIdempotencyKey() throws Exception {
		this.mvc
			.perform(post("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer("client-a", "orders:write"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(ONE_LINE))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(PROBLEM + "validation"))
			.andExpect(jsonPath("$.detail", containsString("Idempotency-Key")))
			.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
	}

	@Test
	void rejectsBlankOrOverlongIdempotencyKey() throws Exception {
		for (String key : List.of(" ", "k".repeat(101))) {
			this.mvc.perform(place(ONE_LINE, key, "orders:write"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.type").value(PROBLEM + "validation"))
				.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
		}
		then(this.orders).should(never()).place(anyString(), anyString(), anyList());
	}

	@Test
	void rejectsMalformedJson() throws Exception {
		this.mvc.perform(place("{\"lines\":[{\"sku\":", "key-1", "orders:write"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(PROBLEM + "malformed-request"))
			.andExpect(jsonPath("$.detail").value("The request body is missing or is not valid JSON."));
	}

	static Stream<Arguments> uncoercedBodies() {
		return Stream.of(
				Arguments.of(Named.of("a fraction", "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":1.9}]}"),
						"lines[0].quantity", "must be a whole number"),
				Arguments.of(Named.of("a string for a number", "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":\"1\"}]}"),
						"lines[0].quantity", "must be a whole number"),
				Arguments.of(Named.of("a number for the SKU", "{\"lines\":[{\"sku\":1,\"quantity\":1}]}"),
						"lines[0].sku", "must be a string"),
				Arguments.of(
						Named.of("a forbidden status",
								"{\"lines\":[{\"sku\":\"A-1\",\"quantity\":1}],\"status\":\"CONFIRMED\"}"),
						"status", "is not a field of this request"),
				Arguments.of(
						Named.of("a forbidden owner",
								"{\"owner\":\"client-b\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":1}]}"),
						"owner", "is not a field of this request"),
				Arguments.of(Named.of("a forbidden id", "{\"id\":\"x\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":1}]}"),
						"id", "is not a field of this request"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("uncoercedBodies")
	void rejectsBodiesNotExactlyOfTheDeclaredTypesNamingTheField(String body, String field, String message)
			throws Exception {
		this.mvc.perform(place(body, "key-1", "orders:write"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(PROBLEM + "validation"))
			.andExpect(jsonPath("$.detail").value(field + ": " + message + "."))
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message").value(message));
		then(this.orders).should(never()).place(anyString(), anyString(), anyList());
	}

	@Test
	void answersUnprocessableWhenIdempotencyKeyIsReused() throws Exception {
		given(this.orders.place(anyString(), anyString(), anyList()))
			.willThrow(new IdempotencyKeyReusedException("key-1"));
		this.mvc.perform(place(ONE_LINE, "key-1", "orders:write"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value(PROBLEM + "idempotency-key-reused"));
	}

	@Test
	void answersNotFoundProblemForOrdersTheCallerMayNotSee() throws Exception {
		UUID id = UUID.randomUUID();
		given(this.orders.get(id, new Caller("client-b", false))).willThrow(new OrderNotFoundException(id));
		this.mvc
			.perform(get("/api/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, bearer("client-b", "orders:read")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(PROBLEM + "not-found"));
	}

	@Test
	void tellsTheServiceWhenTheCallerIsAdmin() throws Exception {
		OrderView order = order(OrderStatus.CONFIRMED);
		given(this.orders.get(order.id(), new Caller("ops", true))).willReturn(order);
		this.mvc
			.perform(get("/api/orders/{id}", order.id()).header(HttpHeaders.AUTHORIZATION,
					bearer("ops", "orders:read", "orders:admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(order.id().toString()));
	}

	@Test
	void listsOrdersAsPagedModel() throws Exception {
		OrderView order = order(OrderStatus.CONFIRMED);
		given(this.orders.list(new Caller("client-a", false), 1, 5))
			.willReturn(new PageImpl<>(List.of(order), PageRequest.of(1, 5), 6));
		this.mvc
			.perform(get("/api/orders?page=1&size=5").header(HttpHeaders.AUTHORIZATION,
					bearer("client-a", "orders:read")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].id").value(order.id().toString()))
			.andExpect(jsonPath("$.page.number").value(1))
			.andExpect(jsonPath("$.page.size").value(5))
			.andExpect(jsonPath("$.page.totalElements").value(6))
			.andExpect(jsonPath("$.page.totalPages").value(2));
	}

	@Test
	void capsThePageSize() throws Exception {
		given(this.orders.list(any(), anyInt(), anyInt())).willReturn(new PageImpl<>(List.of()));
		this.mvc
			.perform(
					get("/api/orders?size=100000").header(HttpHeaders.AUTHORIZATION, bearer("client-a", "orders:read")))
			.andExpect(status().isOk());
		then(this.orders).should().list(new Caller("client-a", false), 0, OrderWebConfiguration.MAX_PAGE_SIZE);
	}

	@Test
	void refusesAPageOrSizeThatIsNoWholeNumberOrOutOfRangeNamingIt() throws Exception {
		for (String query : List.of("page=-1", "page=abc", "size=0", "size=1.5", "page=99999999999")) {
			this.mvc
				.perform(get("/api/orders?" + query).header(HttpHeaders.AUTHORIZATION,
						bearer("client-a", "orders:read")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(content().string(containsString(query.substring(0, query.indexOf('=')))));
		}
		then(this.orders).should(never()).list(any(), anyInt(), anyInt());
	}

	@Test
	void refusesToPlaceAnOrderForAClientThatAcceptsNoJson() throws Exception {
		this.mvc.perform(place(ONE_LINE, "key-1", "orders:write").accept(MediaType.TEXT_HTML))
			.andExpect(status().isNotAcceptable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(PROBLEM + "not-acceptable"));
		then(this.orders).should(never()).place(anyString(), anyString(), anyList());
	}

	@Test
	void answersCancelledOrder() throws Exception {
		OrderView order = order(OrderStatus.CANCELLED);
		given(this.orders.cancel(order.id(), new Caller("client-a", false))).willReturn(order);
		this.mvc
			.perform(post("/api/orders/{id}/cancel", order.id()).header(HttpHeaders.AUTHORIZATION,
					bearer("client-a", "orders:write")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CANCELLED"));
	}

	@Test
	void answersConflictWhenOrderCannotBeCancelled() throws Exception {
		UUID id = UUID.randomUUID();
		given(this.orders.cancel(eq(id), any())).willThrow(new OrderNotCancellableException(id, OrderStatus.REJECTED));
		this.mvc
			.perform(post("/api/orders/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION,
					bearer("client-a", "orders:write")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(PROBLEM + "order-not-cancellable"));
	}

	@Test
	void answersServiceUnavailableWithRetryAfterWhenStockCannotBeReleased() throws Exception {
		UUID id = UUID.randomUUID();
		given(this.orders.cancel(eq(id), any()))
			.willThrow(new InventoryUnavailableException(id, java.time.Duration.ofSeconds(5)));
		this.mvc
			.perform(post("/api/orders/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION,
					bearer("client-a", "orders:write")))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
			.andExpect(jsonPath("$.type").value(PROBLEM + "service-unavailable"));
	}

	@Test
	void answersProblemForMalformedOrderId() throws Exception {
		this.mvc
			.perform(get("/api/orders/not-a-uuid").header(HttpHeaders.AUTHORIZATION, bearer("client-a", "orders:read")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(PROBLEM + "malformed-request"))
			.andExpect(jsonPath("$.detail", containsString("'id'")));
	}

	private static MockHttpServletRequestBuilder place(String body, String idempotencyKey, String... scopes) {
		return post("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer("client-a", scopes))
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private static String bearer(String subject, String... scopes) {
		return "Bearer " + TestJwtIssuer.shared().token(subject, scopes);
	}

	private static OrderView order(OrderStatus status) {
		Instant at = Instant.parse("2026-01-02T03:04:05Z");
		return new OrderView(UUID.randomUUID(), "client-a", status, List.of(new OrderView.Line("A-1", 2)), List.of(),
				at, at);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(OrderProperties.class)
	static class Properties {

		@Bean
		LiveProperties<OrderProperties> liveOrderProperties(OrderProperties properties,
				ConfigurableEnvironment environment) {
			return new LiveProperties<>("orders", OrderProperties.class, properties, environment, null);
		}

	}

}
