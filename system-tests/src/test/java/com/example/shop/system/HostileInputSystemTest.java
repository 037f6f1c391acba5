package com.example.shop.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.system.Gateway.Response;
import com.example.shop.system.HostileInputHttp.Answer;
import com.example.shop.system.HostileInputHttp.Request;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and hostile requests to every endpoint a client can reach, through the
 * gateway and directly to each service: every one is answered with a 4xx problem (the
 * token endpoint with its RFC 6749 error), never a 5xx, a 429 or a stack trace, and
 * changes no data: the stock and name of an item, the number of orders of two clients and
 * the status of an order of each stay as they were.
 */
@ExtendWith(ShopSystem.Extension.class)
class HostileInputSystemTest {

	private static final String PROBLEMS = "https://shop.example.com/problems/";

	/**
	 * What a response must never show: exception classes, stack frames, packages, SQL.
	 */
	private static final Pattern LEAK = Pattern.compile(
			"Exception|Throwable|\\tat |\\bat [\\w$.]+\\(|\\bjava\\.|jakarta\\.|org\\.springframework|tools\\.jackson"
					+ "|com\\.fasterxml|org\\.hibernate|org\\.postgresql|org\\.h2|org\\.apache|com\\.example|\\bSQL");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String CHANGED_NAME = "Changed by a hostile request";

	private static ShopSystem system;

	private static HostileInputHttp http;

	private static Fixture fixture;

	@BeforeAll
	static void createDataNoHostileRequestMayChange(ShopSystem shop, Gateway gateway) {
		system = shop;
		http = new HostileInputHttp(shop.gatewayUrl());
		String demo = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "orders:read", "orders:write",
				"inventory:read", "inventory:write");
		String second = gateway.token(ShopSystem.SECOND_CLIENT, ShopSystem.SECOND_SECRET, "orders:read",
				"orders:write");
		String sku = TestData.newItem(gateway, demo, 100);
		String own = orderId(TestData.placeOrder(gateway, demo, "hostile-own-" + sku, Map.of(sku, 1)));
		String victim = orderId(TestData.placeOrder(gateway, second, "hostile-victim-" + sku, Map.of(sku, 1)));
		fixture = new Fixture(sku, own, victim, demo, second);
		assertThat(Snapshot.read(fixture).stock()).isEqualTo(98);
	}

	private static String orderId(Response placed) {
		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
		return placed.json().get("id").asString();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("matrix")
	void answersA4xxProblemAndChangesNothing(Row row) {
		Request request = row.hostileCase().request().apply(row.endpoint(), fixture).build();
		String baseUrl = (row.route() == Route.GATEWAY) ? system.gatewayUrl() : system.url(row.endpoint().service);
		Snapshot before = Snapshot.read(fixture);

		Answer answer = http.send(baseUrl, request);

		assertThat(answer.status())
			.as("%s: rate limited, this test sends too much through the gateway: %s", row, answer)
			.isNotEqualTo(429);
		assertThat(answer.status()).as("%s: status of %s", row, answer).isBetween(400, 499);
		Set<Integer> expected = row.expected();
		if (!expected.isEmpty()) {
			assertThat(expected).as("%s: status of %s", row, answer).contains(answer.status());
		}
		assertThat(LEAK.matcher(answer.body()).find()).as("%s: internals in %s", row, answer).isFalse();
		assertThat(Snapshot.read(fixture)).as("%s: data after %s", row, answer).isEqualTo(before);
		if (row.endpoint() == Endpoint.TOKEN && answer.contentType().startsWith("application/json")) {
			// RFC 6749's error format, kept for OAuth2 clients (docs/problems.md).
			assertThat(json.readTree(answer.body()).get("error")).as("%s: OAuth2 error in %s", row, answer).isNotNull();
		}
		else {
			assertThat(answer.contentType()).as("%s: content type of %s", row, answer)
				.startsWith("application/problem+json");
			JsonNode problem = json.readTree(answer.body());
			assertThat(problem.get("type").asString()).as("%s: type of %s", row, answer).startsWith(PROBLEMS);
			assertThat(problem.get("status").asInt()).as("%s: status in %s", row, answer).isEqualTo(answer.status());
		}
	}

	static Stream<Arguments> matrix() {
		List<Arguments> rows = new ArrayList<>();
		for (Endpoint endpoint : Endpoint.values()) {
			for (Case hostileCase : cases()) {
				if (hostileCase.appliesTo().test(endpoint)) {
					for (Route route : Route.values()) {
						Row row = new Row(endpoint, hostileCase, route);
						rows.add(Arguments
							.of(Named.of(route.label + " " + endpoint.label + ": " + hostileCase.name(), row)));
					}
				}
			}
		}
		return rows.stream();
	}

	/** Every hostile case and the endpoints it is sent to. */
	static List<Case> cases() {
		List<Case> cases = new ArrayList<>();
		Predicate<Endpoint> json = Endpoint::takesJson;
		Predicate<Endpoint> orderLike = (endpoint) -> endpoint == Endpoint.PLACE_ORDER || endpoint == Endpoint.RESERVE;
		Predicate<Endpoint> api = (endpoint) -> endpoint != Endpoint.TOKEN;
		Predicate<Endpoint> ids = Endpoint::hasId;
		Predicate<Endpoint> lists = (endpoint) -> endpoint == Endpoint.LIST_ORDERS || endpoint == Endpoint.LIST_ITEMS;

		// JSON bodies: syntax
		cases.add(new Case("truncated JSON", json, (e, f) -> {
			String body = e.validBody(f);
			return e.valid(f).jsonBody(body.substring(0, body.length() - 4));
		}, Set.of(400)));
		cases.add(new Case("deeply nested arrays", json,
				(e, f) -> e.valid(f).jsonBody("[".repeat(10_000) + "]".repeat(10_000)), Set.of(400)));
		cases.add(new Case("deeply nested objects in an extra field", json,
				(e, f) -> e.valid(f)
					.jsonBody(e.body(f, null, null, ",\"x\":" + "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000))),
				Set.of(400)));
		cases.add(new Case("an empty body", json, (e, f) -> e.valid(f).jsonBody(""), Set.of(400)));
		cases.add(new Case("JSON null as the body", json, (e, f) -> e.valid(f).jsonBody("null"), Set.of(400)));
		cases.add(new Case("an array as the body", json, (e, f) -> e.valid(f).jsonBody("[" + e.validBody(f) + "]"),
				Set.of(400)));
		cases.add(new Case("a second JSON value after the body", json,
				(e, f) -> e.valid(f).jsonBody(e.validBody(f) + " " + e.validBody(f)), Set.of(400)));
		cases.add(new Case("a field given twice", json,
				(e, f) -> e.valid(f).jsonBody(e.body(f, null, null, e.duplicateField(f))), Set.of(400)));
		cases.add(new Case("bytes that are not UTF-8", json, (e, f) -> {
			byte[] body = e.body(f, "\"X\"", null, null).getBytes(StandardCharsets.UTF_8);
			byte[] broken = new String(body, StandardCharsets.ISO_8859_1).replace("\"X\"", "\"\u00c3\u0028\"")
				.getBytes(StandardCharsets.ISO_8859_1);
			return e.valid(f).header("Content-Type", "application/json").body(broken);
		}, Set.of(400)));

		// JSON bodies: types and values
		cases.add(quantity("a fractional quantity", "1.9", json, 400));
		cases.add(quantity("a whole quantity written as a fraction", "1.0", json, 400));
		cases.add(quantity("a quantity as a string", "\"1\"", json, 400));
		cases.add(quantity("a quantity as a boolean", "true", json, 400));
		cases.add(quantity("null for the quantity", "null", json, 400));
		cases.add(quantity("a huge quantity", "99999999999999999999999999", json, 400));
		cases.add(quantity("a quantity of 1e400", "1e400", json, 400));
		cases.add(quantity("a quantity with 2,000 digits", "9".repeat(2_000), json, 400));
		cases.add(quantity("a negative quantity", "-1", json, 400));
		cases.add(quantity("a zero quantity", "0", orderLike, 400));
		cases.add(text("a number for a string", "42", json));
		cases.add(text("a boolean for a string", "false", json));
		cases.add(text("an object for a string", "{\"$ne\":null}", json));
		cases.add(text("an array for a string", "[\"A\"]", json));
		cases.add(text("a look-alike unicode SKU", "\"\uff23\uff35\uff30-\uff11\"", orderLike));
		cases.add(text("a SKU with right-to-left and zero-width characters", "\"A\u202eB\u200bC\"", orderLike));
		cases.add(text("a SKU with a NUL character", "\"A\\u0000B\"", orderLike));
		cases.add(text("a name of control characters only", "\"\\u0000\\u0007\\u001b\"", Endpoint.PUT_ITEM::equals));
		cases.add(text("an emoji-only SKU", "\"\ud83d\udca3\"", orderLike));
		cases.add(new Case("an empty order", orderLike, (e, f) -> e.valid(f).jsonBody(e.emptyBody(f)), Set.of(400)));
		cases.add(new Case("an empty object", json, (e, f) -> e.valid(f).jsonBody("{}"), Set.of(400)));
		cases.add(new Case("a 20,000-line order", orderLike, (e, f) -> e.valid(f).jsonBody(e.manyLines(f, 20_000)),
				Set.of(400, 413)));
		cases.add(new Case("a 1 MB string", json,
				(e, f) -> e.valid(f).jsonBody(e.body(f, "\"" + "A".repeat(1 << 20) + "\"", null, null)), Set.of(413)));
		cases.add(extra("a status field", ",\"status\":\"CONFIRMED\""));
		cases.add(extra("an owner field", ",\"owner\":\"second-client\""));
		cases.add(extra("an id field", ",\"id\":\"" + UUID.randomUUID() + "\""));
		cases.add(extra("an unknown field", ",\"discount\":100"));

		// Content types
		cases.add(contentType("a text/plain body", "text/plain", json));
		cases.add(contentType("an XML body", "application/xml", json));
		cases.add(contentType("a form body", "application/x-www-form-urlencoded", json));
		cases.add(contentType("a multipart body", "multipart/form-data; boundary=x", json));
		cases.add(new Case("a JSON body without Content-Type", json, (e, f) -> {
			Spec spec = e.valid(f);
			spec.headers.remove("Content-Type");
			return spec;
		}, Set.of(415)));

		// Headers
		cases.add(new Case("Accept: text/html", api, (e, f) -> e.valid(f).header("Accept", "text/html"), Set.of(406)));
		cases.add(new Case("Accept: application/xml only", api,
				(e, f) -> e.valid(f).header("Accept", "application/xml"), Set.of(406)));
		cases.add(new Case("a 32 KB header", (e) -> true,
				(e, f) -> e.valid(f).header("X-Padding", "x".repeat(32 * 1024)).raw(), Set.of(400, 413, 431)));
		cases.add(new Case("a malformed bearer token", api,
				(e, f) -> e.valid(f).header("Authorization", "Bearer not.a.token"), Set.of(401)));
		cases.add(new Case("a bearer token signed by nobody", api,
				(e, f) -> e.valid(f).header("Authorization", "Bearer " + unsignedToken()), Set.of(401)));
		cases.add(new Case("a 101-character Idempotency-Key", Endpoint.PLACE_ORDER::equals,
				(e, f) -> e.valid(f).header("Idempotency-Key", "k".repeat(101)), Set.of(400)));
		cases.add(new Case("no Idempotency-Key", Endpoint.PLACE_ORDER::equals, (e, f) -> {
			Spec spec = e.valid(f);
			spec.headers.remove("Idempotency-Key");
			return spec;
		}, Set.of(400)));

		// Ids in paths
		cases.add(id("an id that is no UUID", "not-a-uuid", ids.and((e) -> e != Endpoint.PUT_ITEM), 400, 404));
		cases.add(id("an unknown id", UUID.randomUUID().toString(), ids.and((e) -> e != Endpoint.PUT_ITEM), 404));
		cases.add(id("an SQL injection", "x'%20OR%20'1'='1", ids, 400, 404));
		cases.add(id("an encoded path traversal", "..%2F..%2Factuator%2Fenv", ids, 400, 404));
		cases.add(id("an encoded NUL", "A%00B", ids, 400, 404));
		cases.add(id("a unicode id", "%E2%98%95", ids, 400, 404));
		cases.add(id("a 4,000-character id", "A".repeat(4_000), ids, 400, 404));
		cases.add(new Case("another client's order", (e) -> e == Endpoint.GET_ORDER || e == Endpoint.CANCEL_ORDER,
				(e, f) -> e.valid(f, f.victimOrderId()), Set.of(404)));

		// Paging parameters
		cases.add(query("a negative page", "page=-1", lists));
		cases.add(query("a page that is no number", "page=abc", lists));
		cases.add(query("a fractional page size", "size=1.5", lists));
		cases.add(query("a zero page size", "size=0", lists));
		cases.add(query("a page beyond int", "page=99999999999", lists));

		// The token endpoint
		Predicate<Endpoint> token = Endpoint.TOKEN::equals;
		cases.add(form("no grant type", "scope=orders:read", token));
		cases.add(form("an unknown grant type", "grant_type=password&username=a&password=b", token));
		cases.add(form("a scope the client may not have", "grant_type=client_credentials&scope=orders:admin", token));
		cases.add(form("a unicode scope", "grant_type=client_credentials&scope=%E2%98%95", token));
		cases.add(form("a 20,000-character scope", "grant_type=client_credentials&scope=" + "a".repeat(20_000), token));
		cases.add(new Case("a JSON body", token,
				(e, f) -> e.valid(f).jsonBody("{\"grant_type\":\"client_credentials\"}"), Set.of()));
		cases.add(new Case("a wrong client secret", token,
				(e, f) -> e.valid(f).header("Authorization", basic(ShopSystem.DEMO_CLIENT, "wrong")),
				Set.of(400, 401)));
		cases.add(new Case("a Basic header that is not Base64", token,
				(e, f) -> e.valid(f).header("Authorization", "Basic %%%not-base64"), Set.of(400, 401)));
		return cases;
	}

	private static Case quantity(String name, String value, Predicate<Endpoint> endpoints, int status) {
		return new Case(name, endpoints, (e, f) -> e.valid(f).jsonBody(e.body(f, null, value, null)), Set.of(status));
	}

	private static Case text(String name, String value, Predicate<Endpoint> endpoints) {
		return new Case(name, endpoints, (e, f) -> e.valid(f).jsonBody(e.body(f, value, null, null)), Set.of(400));
	}

	private static Case extra(String name, String field) {
		return new Case(name, Endpoint::takesJson, (e, f) -> e.valid(f).jsonBody(e.body(f, null, null, field)),
				Set.of(400));
	}

	private static Case contentType(String name, String type, Predicate<Endpoint> endpoints) {
		return new Case(name, endpoints, (e, f) -> e.valid(f).header("Content-Type", type), Set.of(415));
	}

	private static Case id(String name, String id, Predicate<Endpoint> endpoints, Integer... statuses) {
		return new Case(name, endpoints, (e, f) -> e.valid(f, id), Set.of(statuses));
	}

	private static Case query(String name, String query, Predicate<Endpoint> endpoints) {
		return new Case(name, endpoints, (e, f) -> e.valid(f).query(query), Set.of(400));
	}

	private static Case form(String name, String form, Predicate<Endpoint> endpoints) {
		return new Case(name, endpoints, (e, f) -> e.valid(f).body(form.getBytes(StandardCharsets.UTF_8)),
				Set.of(400, 401));
	}

	private static String basic(String client, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	/** A well-formed JWT with "alg":"none": no service may take it. */
	private static String unsignedToken() {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String header = encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
		String claims = encoder
			.encodeToString("{\"sub\":\"demo-client\",\"scope\":[\"orders:read\",\"orders:write\",\"orders:admin\"]}"
				.getBytes(StandardCharsets.UTF_8));
		return header + "." + claims + ".";
	}

	/** Where a request goes in: the public entry or the service itself. */
	enum Route {

		GATEWAY("via gateway"), DIRECT("direct");

		private final String label;

		Route(String label) {
			this.label = label;
		}

	}

	/** Every endpoint a client can reach, and a valid request to it. */
	enum Endpoint {

		PLACE_ORDER("place order", "order", "POST", "/api/orders"),
		GET_ORDER("get order", "order", "GET", "/api/orders/{id}"),
		LIST_ORDERS("list orders", "order", "GET", "/api/orders"),
		CANCEL_ORDER("cancel order", "order", "POST", "/api/orders/{id}/cancel"),
		GET_ITEM("get item", "inventory", "GET", "/api/inventory/items/{id}"),
		LIST_ITEMS("list items", "inventory", "GET", "/api/inventory/items"),
		PUT_ITEM("put item", "inventory", "PUT", "/api/inventory/items/{id}"),
		RESERVE("reserve", "inventory", "POST", "/api/inventory/reservations"),
		RELEASE("release", "inventory", "DELETE", "/api/inventory/reservations/{id}"),
		TOKEN("token", "auth", "POST", "/oauth2/token");

		private static final Set<Endpoint> JSON = EnumSet.of(PLACE_ORDER, PUT_ITEM, RESERVE);

		private final String label;

		private final String service;

		private final String method;

		private final String path;

		Endpoint(String label, String service, String method, String path) {
			this.label = label;
			this.service = service;
			this.method = method;
			this.path = path;
		}

		boolean takesJson() {
			return JSON.contains(this);
		}

		boolean hasId() {
			return this.path.contains("{id}");
		}

		/**
		 * Clients never hold the scope reservations need: they get 403 before anything
		 * else.
		 */
		boolean forbiddenToClients() {
			return this == RESERVE || this == RELEASE;
		}

		Spec valid(Fixture fixture) {
			String id = switch (this) {
				case GET_ITEM, PUT_ITEM -> fixture.sku();
				default -> fixture.ownOrderId();
			};
			return valid(fixture, id);
		}

		/**
		 * A request that would succeed (and change data where the endpoint does) with a
		 * valid id: each hostile case breaks one thing of it.
		 */
		Spec valid(Fixture fixture, String id) {
			Spec spec = new Spec(this.method, this.path.replace("{id}", id));
			if (this == TOKEN) {
				return spec.header("Authorization", basic(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.body("grant_type=client_credentials&scope=orders:read".getBytes(StandardCharsets.UTF_8));
			}
			spec.header("Authorization", "Bearer " + fixture.demoToken());
			if (this == PLACE_ORDER) {
				spec.header("Idempotency-Key", "hostile-" + UUID.randomUUID());
			}
			return takesJson() ? spec.jsonBody(validBody(fixture)) : spec;
		}

		String validBody(Fixture fixture) {
			return body(fixture, null, null, null);
		}

		/**
		 * The endpoint's body with its text field (the SKU, or the item's name), its
		 * number field (the quantity, or the item's stock) and extra fields replaced;
		 * {@code null} keeps the valid value.
		 */
		String body(Fixture fixture, String text, String number, String extra) {
			String sku = (text != null) ? text : "\"" + fixture.sku() + "\"";
			String quantity = (number != null) ? number : "1";
			String more = (extra != null) ? extra : "";
			return switch (this) {
				case PLACE_ORDER -> "{\"lines\":[{\"sku\":" + sku + ",\"quantity\":" + quantity + "}]" + more + "}";
				case RESERVE -> "{\"orderId\":\"" + UUID.randomUUID() + "\",\"lines\":[{\"sku\":" + sku
						+ ",\"quantity\":" + quantity + "}]" + more + "}";
				case PUT_ITEM -> "{\"name\":" + ((text != null) ? text : "\"" + CHANGED_NAME + "\"") + ",\"available\":"
						+ ((number != null) ? number : "5") + more + "}";
				default -> throw new IllegalStateException(this + " takes no JSON");
			};
		}

		String duplicateField(Fixture fixture) {
			return switch (this) {
				case PUT_ITEM -> ",\"available\":7";
				default -> ",\"lines\":[{\"sku\":\"" + fixture.sku() + "\",\"quantity\":3}]";
			};
		}

		String emptyBody(Fixture fixture) {
			return (this == RESERVE) ? "{\"orderId\":\"" + UUID.randomUUID() + "\",\"lines\":[]}" : "{\"lines\":[]}";
		}

		String manyLines(Fixture fixture, int count) {
			String line = "{\"sku\":\"" + fixture.sku() + "\",\"quantity\":1}";
			String lines = String.join(",", java.util.Collections.nCopies(count, line));
			return (this == RESERVE) ? "{\"orderId\":\"" + UUID.randomUUID() + "\",\"lines\":[" + lines + "]}"
					: "{\"lines\":[" + lines + "]}";
		}

	}

	/** A request being built from an endpoint's valid one. */
	static final class Spec {

		private final String method;

		private String path;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private byte[] body = new byte[0];

		private boolean raw;

		Spec(String method, String path) {
			this.method = method;
			this.path = path;
		}

		Spec header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		Spec jsonBody(String json) {
			return header("Content-Type", "application/json").body(json.getBytes(StandardCharsets.UTF_8));
		}

		Spec body(byte[] body) {
			this.body = body;
			return this;
		}

		Spec query(String query) {
			this.path = this.path + "?" + query;
			return this;
		}

		Spec raw() {
			this.raw = true;
			return this;
		}

		Request build() {
			return new Request(this.method, this.path, Map.copyOf(this.headers), this.body, this.raw);
		}

	}

	/**
	 * A hostile case.
	 *
	 * @param name what is wrong with the request
	 * @param appliesTo the endpoints it is sent to
	 * @param request builds the request for an endpoint
	 * @param expected the statuses it may be answered with, on endpoints a client may use
	 * (empty: any 4xx)
	 */
	record Case(String name, Predicate<Endpoint> appliesTo, BiFunction<Endpoint, Fixture, Spec> request,
			Set<Integer> expected) {

	}

	/**
	 * One row of the table.
	 *
	 * @param endpoint where the request goes
	 * @param hostileCase what is wrong with it
	 * @param route through the gateway or directly
	 */
	record Row(Endpoint endpoint, Case hostileCase, Route route) {

		Set<Integer> expected() {
			// Reservations answer 403 to a client before they look at anything else; only
			// the transport (header size, body size at the gateway) and the token come
			// first.
			return this.endpoint.forbiddenToClients() ? Set.of() : this.hostileCase.expected();
		}

		@Override
		public String toString() {
			return this.route.label + " " + this.endpoint.label + ": " + this.hostileCase.name();
		}

	}

	/**
	 * The data the hostile requests aim at.
	 *
	 * @param sku an item with stock
	 * @param ownOrderId a confirmed order of demo-client, the caller of every hostile
	 * request
	 * @param victimOrderId a confirmed order of second-client
	 * @param demoToken demo-client's token with every scope it may have
	 * @param secondToken second-client's token
	 */
	record Fixture(String sku, String ownOrderId, String victimOrderId, String demoToken, String secondToken) {

	}

	/**
	 * What no hostile request may change, read from the services directly.
	 *
	 * @param stock the item's available stock
	 * @param name the item's name
	 * @param demoOrders how many orders demo-client has
	 * @param secondOrders how many orders second-client has
	 * @param ownStatus the status of demo-client's order
	 * @param victimStatus the status of second-client's order
	 */
	record Snapshot(int stock, String name, long demoOrders, long secondOrders, String ownStatus, String victimStatus) {

		static Snapshot read(Fixture fixture) {
			Gateway inventory = new Gateway(system.url("inventory"));
			Gateway orders = new Gateway(system.url("order"));
			JsonNode item = ok(
					inventory.get("/api/inventory/items/" + fixture.sku()).token(fixture.demoToken()).send());
			return new Snapshot(item.get("available").asInt(), item.get("name").asString(),
					count(orders, fixture.demoToken()), count(orders, fixture.secondToken()),
					status(orders, fixture.demoToken(), fixture.ownOrderId()),
					status(orders, fixture.secondToken(), fixture.victimOrderId()));
		}

		private static long count(Gateway orders, String token) {
			return ok(orders.get("/api/orders?size=1").token(token).send()).get("page").get("totalElements").asLong();
		}

		private static String status(Gateway orders, String token, String orderId) {
			return ok(orders.get("/api/orders/" + orderId).token(token).send()).get("status").asString();
		}

		private static JsonNode ok(Response response) {
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			return response.json();
		}

	}

}
