package com.example.shop.inventory.item;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import com.example.shop.inventory.InventoryApi;
import com.example.shop.inventory.InventoryApplicationTest;
import com.example.shop.inventory.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The item catalogue over real HTTP on PostgreSQL.
 */
@InventoryApplicationTest
class ItemFlowTests {

	private final InventoryApi api;

	ItemFlowTests(@Autowired RestTestClient client) {
		this.api = new InventoryApi(client);
	}

	@Test
	void createsAnItemThenSetsItsStock() {
		String sku = InventoryApi.uniqueSku("ANVIL");

		assertThat(this.api.putItem(sku, "Anvil", 5)).hasStatus(HttpStatus.CREATED)
			.hasHeader(HttpHeaders.LOCATION, "/api/inventory/items/" + sku)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"sku":"%s","name":"Anvil","available":5}""".formatted(sku));
		assertThat(this.api.putItem(sku, "Heavy anvil", 0)).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"sku":"%s","name":"Heavy anvil","available":0}""".formatted(sku));

		assertThat(this.api.getItem(sku)).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"sku":"%s","name":"Heavy anvil","available":0}""".formatted(sku));
	}

	@Test
	void answersAnUnknownItemWithNotFoundProblemNamingIt() {
		String sku = InventoryApi.uniqueSku("GHOST");

		assertThat(this.api.getItem(sku)).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo("https://shop.example.com/problems/not-found");
				json.assertThat().extractingPath("$.detail").asString().contains(sku);
			});
	}

	@Test
	void listsItemsPageByPageInSkuOrder() {
		// Starts with a digit: sorts before the letter-prefixed SKUs of the other tests.
		String prefix = InventoryApi.uniqueSku("0LIST");
		for (String suffix : List.of("c", "a", "b")) {
			assertThat(this.api.putItem(prefix + suffix, "Item " + suffix, 1)).hasStatus(HttpStatus.CREATED);
		}

		assertThat(this.api.get("/api/inventory/items?page=0&size=3", Tokens.READ)).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat()
					.extractingPath("$.content[*].sku")
					.isEqualTo(List.of(prefix + "a", prefix + "b", prefix + "c"));
				json.assertThat()
					.extractingPath("$.content[0]")
					.isEqualTo(Map.of("sku", prefix + "a", "name", "Item a", "available", 1));
				json.assertThat().extractingPath("$.page.size").isEqualTo(3);
				json.assertThat().extractingPath("$.page.number").isEqualTo(0);
				json.assertThat()
					.extractingPath("$.page.totalElements")
					.asNumber()
					.satisfies((total) -> assertThat(total.longValue()).isGreaterThanOrEqualTo(3));
			});
		assertThat(this.api.get("/api/inventory/items?page=1&size=2", Tokens.READ)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.content[0].sku")
			.isEqualTo(prefix + "c");
	}

	@Test
	void cutsPagesDownToTheConfiguredMaximum() {
		this.api.givenItem("PAGE", 1);

		assertThat(this.api.get("/api/inventory/items?size=5000", Tokens.READ)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.page.size")
			.isEqualTo(100);
	}

	@Test
	void rejectsInvalidItemsWithValidationProblemNamingEachField() {
		assertThat(this.api.putItem(InventoryApi.uniqueSku("BAD"), "", -1)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo("https://shop.example.com/problems/validation");
				json.assertThat().extractingPath("$.errors[*].field").asArray().containsOnly("name", "available");
			});
		assertThat(this.api.putItem("_leading-underscore", "Anvil", 1)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("sku");
	}

	@Test
	void refusesUncoercedValuesAndUnknownFieldsNamingThemAndKeepsTheStock() {
		String sku = this.api.givenItem("STRICT", 5);
		Map<String, String> bodies = Map.of("{\"name\":\"Anvil\",\"available\":1.9}", "available",
				"{\"name\":\"Anvil\",\"available\":\"7\"}", "available", "{\"name\":7,\"available\":7}", "name",
				"{\"name\":\"Anvil\",\"available\":7,\"sku\":\"OTHER-1\"}", "sku");

		bodies.forEach((body,
				field) -> assertThat(RestTestClientResponse.from(this.api.client()
					.put()
					.uri("/api/inventory/items/{sku}", sku)
					.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.WRITE))
					.contentType(MediaType.APPLICATION_JSON)
					.body(body)
					.exchange())).as(body)
					.hasStatus(HttpStatus.BAD_REQUEST)
					.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
					.bodyJson()
					.satisfies((json) -> {
						json.assertThat()
							.extractingPath("$.type")
							.isEqualTo("https://shop.example.com/problems/validation");
						json.assertThat().extractingPath("$.errors[*].field").asArray().containsExactly(field);
					}));

		assertThat(this.api.available(sku)).isEqualTo(5);
		assertThat(this.api.getItem(sku)).bodyJson().extractingPath("$.name").isEqualTo("Item " + sku);
	}

	@Test
	void readersCannotWrite() {
		String sku = InventoryApi.uniqueSku("ANVIL");

		assertThat(this.api.client()
			.put()
			.uri("/api/inventory/items/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.READ, Tokens.RESERVE))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Anvil", "available", 5))
			.exchange()
			.returnResult()
			.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.api.getItem(sku)).hasStatus(HttpStatus.NOT_FOUND);
	}

}
