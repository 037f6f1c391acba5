package com.example.shop.inventory.item;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.inventory.InventoryWebTest;
import com.example.shop.inventory.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

@InventoryWebTest(ItemController.class)
class ItemControllerTests {

	private static final String PROBLEM = "https://shop.example.com/problems/";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ItemService items;

	@Test
	void answersAnItemWithItsAvailableStock() {
		given(this.items.find("A-1")).willReturn(new ItemResponse("A-1", "Anvil", 3));

		assertThat(
				this.mvc.get().uri("/api/inventory/items/A-1").header(HttpHeaders.AUTHORIZATION, bearer(Tokens.READ)))
			.hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("""
					{"sku":"A-1","name":"Anvil","available":3}""");
	}

	@Test
	void answersUnknownItemWithNotFoundProblemNamingTheSku() {
		given(this.items.find("NOPE")).willThrow(new ItemNotFoundException("NOPE"));

		assertThat(
				this.mvc.get().uri("/api/inventory/items/NOPE").header(HttpHeaders.AUTHORIZATION, bearer(Tokens.READ)))
			.hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(PROBLEM + "not-found");
				json.assertThat().extractingPath("$.status").isEqualTo(404);
				json.assertThat().extractingPath("$.detail").asString().contains("NOPE");
			});
	}

	@Test
	void listsItemsAsPagedModel() {
		given(this.items.list(1, 2)).willReturn(
				new PageImpl<>(List.of(new ItemResponse("C-1", "Clamp", 5), new ItemResponse("D-1", "Drill", 0)),
						PageRequest.of(1, 2, Sort.by("sku")), 5));

		assertThat(this.mvc.get()
			.uri("/api/inventory/items?page=1&size=2")
			.header(HttpHeaders.AUTHORIZATION, bearer(Tokens.READ))).hasStatusOk().bodyJson().isStrictlyEqualTo("""
					{
					  "content": [
					    {"sku":"C-1","name":"Clamp","available":5},
					    {"sku":"D-1","name":"Drill","available":0}
					  ],
					  "page": {"size":2,"number":1,"totalElements":5,"totalPages":3}
					}""");
	}

	@Test
	void listsTheFirstPageOfTwentyByDefault() {
		given(this.items.list(0, 20)).willReturn(new PageImpl<>(List.of(), PageRequest.of(0, 20), 0));

		assertThat(this.mvc.get().uri("/api/inventory/items").header(HttpHeaders.AUTHORIZATION, bearer(Tokens.READ)))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.page.size")
			.isEqualTo(20);
	}

	@Test
	void rejectsNegativePageNumberAsValidationProblem() {
		assertThat(this.mvc.get()
			.uri("/api/inventory/items?page=-1")
			.header(HttpHeaders.AUTHORIZATION, bearer(Tokens.READ))).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "validation");
		then(this.items).shouldHaveNoInteractions();
	}

	@Test
	void createsItemWith201AndLocation() {
		given(this.items.upsert(any(), any()))
			.willReturn(new ItemService.Upserted(new ItemResponse("A-1", "Anvil", 7), true));

		assertThat(put("A-1", """
				{"name":"Anvil","available":7}""", Tokens.WRITE)).hasStatus(HttpStatus.CREATED)
			.hasHeader(HttpHeaders.LOCATION, "/api/inventory/items/A-1")
			.bodyJson()
			.isStrictlyEqualTo("""
					{"sku":"A-1","name":"Anvil","available":7}""");
		then(this.items).should().upsert("A-1", new ItemRequest("Anvil", 7));
	}

	@Test
	void updatesExistingItemWith200() {
		given(this.items.upsert(any(), any()))
			.willReturn(new ItemService.Upserted(new ItemResponse("A-1", "Anvil", 0), false));

		assertThat(put("A-1", """
				{"name":"Anvil","available":0}""", Tokens.WRITE)).hasStatusOk()
			.doesNotContainHeader(HttpHeaders.LOCATION)
			.bodyJson()
			.extractingPath("$.available")
			.isEqualTo(0);
	}

	@Test
	void answersAConcurrentChangeWithConflictProblemSoThatTheClientRetries() {
		given(this.items.upsert(any(), any()))
			.willThrow(new ObjectOptimisticLockingFailureException(Item.class, "A-1"));

		assertThat(put("A-1", """
				{"name":"Anvil","available":7}""", Tokens.WRITE)).hasStatus(HttpStatus.CONFLICT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "conflict");
	}

	@Test
	void rejectsInvalidItemWithValidationProblemListingEachField() {
		assertThat(put("A-1", """
				{"name":" ","available":-1}""", Tokens.WRITE)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(PROBLEM + "validation");
				json.assertThat().extractingPath("$.errors[*].field").asArray().containsOnly("name", "available");
			});
		then(this.items).shouldHaveNoInteractions();
	}

	@Test
	void rejectsTooLongNameAndMissingStock() {
		assertThat(put("A-1", "{\"name\":\"" + "n".repeat(201) + "\"}", Tokens.WRITE)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsOnly("name", "available");
	}

	@Test
	void rejectsSkuThatBreaksTheFormat() {
		assertThat(put("-starts-with-dash", """
				{"name":"Anvil","available":1}""", Tokens.WRITE)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(PROBLEM + "validation");
				json.assertThat().extractingPath("$.errors[0].field").isEqualTo("sku");
			});
		assertThat(put("A".repeat(65), """
				{"name":"Anvil","available":1}""", Tokens.WRITE)).hasStatus(HttpStatus.BAD_REQUEST);
		then(this.items).shouldHaveNoInteractions();
	}

	@Test
	void acceptsSkuWithDotsUnderscoresAndDashes() {
		given(this.items.upsert(anyString(), any()))
			.willReturn(new ItemService.Upserted(new ItemResponse("a.B_c-9", "Anvil", 1), true));

		assertThat(put("a.B_c-9", """
				{"name":"Anvil","available":1}""", Tokens.WRITE)).hasStatus(HttpStatus.CREATED);
		then(this.items).should().upsert("a.B_c-9", new ItemRequest("Anvil", 1));
	}

	@Test
	void answersMalformedJsonWithMalformedRequestProblem() {
		assertThat(put("A-1", "{\"name\":", Tokens.WRITE)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "malformed-request");
	}

	@Test
	void requiresTokenAndAnswers401AsProblem() {
		assertThat(this.mvc.get().uri("/api/inventory/items/A-1")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.containsHeader(HttpHeaders.WWW_AUTHENTICATE)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "unauthorized");
		then(this.items).shouldHaveNoInteractions();
	}

	@Test
	void rejectsExpiredForgedAndForeignTokens() {
		TestJwtIssuer issuer = TestJwtIssuer.shared();
		for (String token : List.of(issuer.expiredToken("c", Tokens.READ),
				issuer.tokenWithForeignSignature("c", Tokens.READ), issuer.tokenFromOtherIssuer("c", Tokens.READ),
				// A valid token of this issuer, for another service.
				issuer.tokenFor(List.of("order-service"), "c", Tokens.READ))) {
			assertThat(
					this.mvc.get().uri("/api/inventory/items/A-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}
		then(this.items).shouldHaveNoInteractions();
	}

	@Test
	void readingNeedsReadScope() {
		assertThat(this.mvc.get()
			.uri("/api/inventory/items/A-1")
			.header(HttpHeaders.AUTHORIZATION, bearer(Tokens.WRITE, Tokens.RESERVE))).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "forbidden");
		assertThat(this.mvc.get()
			.uri("/api/inventory/items")
			.header(HttpHeaders.AUTHORIZATION, bearer(Tokens.WRITE, Tokens.RESERVE))).hasStatus(HttpStatus.FORBIDDEN);
		then(this.items).shouldHaveNoInteractions();
	}

	@Test
	void writingNeedsWriteScope() {
		assertThat(put("A-1", """
				{"name":"Anvil","available":7}""", Tokens.READ, Tokens.RESERVE)).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		then(this.items).shouldHaveNoInteractions();
	}

	private MvcTestResult put(String sku, String json, String... scopes) {
		return this.mvc.put()
			.uri("/api/inventory/items/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, bearer(scopes))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	private static String bearer(String... scopes) {
		return Tokens.bearer(scopes);
	}

}
