package com.example.shop.inventory;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to the running service over HTTP the way its clients do (each call with a token
 * of the scope the endpoint needs), and builds unique test data so that tests sharing one
 * database never see each other's items or orders.
 */
public final class InventoryApi {

	private final RestTestClient client;

	public InventoryApi(RestTestClient client) {
		this.client = client;
	}

	/**
	 * A SKU no other test uses.
	 * @param prefix a readable start
	 * @return the SKU
	 */
	public static String uniqueSku(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public static Line line(String sku, int quantity) {
		return new Line(sku, quantity);
	}

	public RestTestClientResponse putItem(String sku, String name, int available) {
		return RestTestClientResponse.from(this.client.put()
			.uri("/api/inventory/items/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.WRITE))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "available", available))
			.exchange());
	}

	/**
	 * Creates an item with a unique SKU.
	 * @param prefix the start of the SKU
	 * @param available its stock
	 * @return the SKU
	 */
	public String givenItem(String prefix, int available) {
		String sku = uniqueSku(prefix);
		assertThat(putItem(sku, "Item " + sku, available)).hasStatus(HttpStatus.CREATED);
		return sku;
	}

	public RestTestClientResponse getItem(String sku) {
		return get("/api/inventory/items/" + sku, Tokens.READ);
	}

	/**
	 * The available stock of an existing item, read through the API.
	 * @param sku the item
	 * @return its available stock
	 */
	public int available(String sku) {
		Item item = this.client.get()
			.uri("/api/inventory/items/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.READ))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Item.class)
			.getResponseBody();
		assertThat(item).isNotNull();
		return item.available();
	}

	public RestTestClientResponse reserve(UUID orderId, Line... lines) {
		return post("/api/inventory/reservations", Map.of("orderId", orderId, "lines", Arrays.asList(lines)),
				Tokens.RESERVE);
	}

	public RestTestClientResponse release(UUID orderId) {
		return RestTestClientResponse.from(this.client.delete()
			.uri("/api/inventory/reservations/{orderId}", orderId)
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.RESERVE))
			.exchange());
	}

	public RestTestClientResponse getReservation(UUID orderId) {
		return get("/api/inventory/reservations/" + orderId, Tokens.RESERVE);
	}

	public RestTestClientResponse get(String uri, String... scopes) {
		return RestTestClientResponse
			.from(this.client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, Tokens.bearer(scopes)).exchange());
	}

	public RestTestClientResponse post(String uri, Object body, String... scopes) {
		return RestTestClientResponse.from(this.client.post()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(scopes))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange());
	}

	/**
	 * A raw request body, for bodies no client library would produce.
	 * @param uri the target
	 * @param json the body as sent
	 * @param scopes the token's scopes
	 * @return the response
	 */
	public RestTestClientResponse postJson(String uri, String json, String... scopes) {
		return post(uri, json, scopes);
	}

	public RestTestClient client() {
		return this.client;
	}

	/**
	 * A reservation line as clients send it.
	 *
	 * @param sku the item
	 * @param quantity how many
	 */
	public record Line(String sku, int quantity) {

	}

	/**
	 * An item as the API answers it.
	 *
	 * @param sku the item
	 * @param name its name
	 * @param available its stock
	 */
	public record Item(String sku, String name, int available) {

	}

}
