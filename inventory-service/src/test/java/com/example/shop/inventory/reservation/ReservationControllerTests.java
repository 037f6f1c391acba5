package com.example.shop.inventory.reservation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.example.shop.inventory.InventoryWebTest;
import com.example.shop.inventory.Tokens;
import com.example.shop.inventory.reservation.InsufficientStockException.Shortage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

@InventoryWebTest(ReservationController.class)
class ReservationControllerTests {

	private static final String PROBLEM = "https://shop.example.com/problems/";

	private static final UUID ORDER = UUID.fromString("7f1c1f0e-4e0a-4c55-9a3e-2b8f0f4f6a11");

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ReservationService reservations;

	@Test
	void answersNewReservationWith201AndLocation() {
		given(this.reservations.reserve(any(), any())).willReturn(new ReservationService.Reserved(reserved(), true));

		assertThat(post(body(ORDER, "{\"sku\":\"A-1\",\"quantity\":2}"), Tokens.RESERVE)).hasStatus(HttpStatus.CREATED)
			.hasHeader(HttpHeaders.LOCATION, "/api/inventory/reservations/" + ORDER)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"orderId":"%s","status":"RESERVED","lines":[{"sku":"A-1","quantity":2}]}""".formatted(ORDER));
		then(this.reservations).should().reserve(ORDER, List.of(new ReservationRequest.Line("A-1", 2)));
	}

	@Test
	void answersRepeatedOrderIdWith200AndTheStoredReservation() {
		given(this.reservations.reserve(any(), any())).willReturn(new ReservationService.Reserved(reserved(), false));

		assertThat(post(body(ORDER, "{\"sku\":\"A-1\",\"quantity\":2}"), Tokens.RESERVE)).hasStatusOk()
			.doesNotContainHeader(HttpHeaders.LOCATION)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("RESERVED");
	}

	@Test
	void answersShortStockWithInsufficientStockProblemNamingEveryShortLine() {
		given(this.reservations.reserve(any(), any()))
			.willThrow(new InsufficientStockException(List.of(new Shortage("A-1", 5, 2), new Shortage("B-1", 1, 0))));

		assertThat(post(body(ORDER, "{\"sku\":\"A-1\",\"quantity\":5}", "{\"sku\":\"B-1\",\"quantity\":1}"),
				Tokens.RESERVE))
			.hasStatus(HttpStatus.CONFLICT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(PROBLEM + "insufficient-stock");
				json.assertThat().extractingPath("$.status").isEqualTo(409);
				json.assertThat().extractingPath("$.detail").asString().contains("A-1", "B-1");
				json.assertThat()
					.extractingPath("$.shortages")
					.isEqualTo(List.of(Map.of("sku", "A-1", "requested", 5, "available", 2),
							Map.of("sku", "B-1", "requested", 1, "available", 0)));
			});
	}

	@Test
	void answersRepeatedOrderIdWithOtherLinesWithOrderIdReusedProblem() {
		given(this.reservations.reserve(any(), any())).willThrow(new OrderIdReusedException(ORDER));

		assertThat(post(body(ORDER, "{\"sku\":\"A-1\",\"quantity\":3}"), Tokens.RESERVE))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(PROBLEM + "order-id-reused");
				json.assertThat().extractingPath("$.status").isEqualTo(422);
				json.assertThat().extractingPath("$.orderId").isEqualTo(ORDER.toString());
				json.assertThat().extractingPath("$.detail").asString().contains(ORDER.toString());
			});
	}

	@Test
	void rejectsReservationWithoutLinesOrOrderId() {
		assertThat(post("{\"lines\":[]}", Tokens.RESERVE)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(PROBLEM + "validation");
				json.assertThat().extractingPath("$.errors[*].field").asArray().containsOnly("orderId", "lines");
			});
		then(this.reservations).shouldHaveNoInteractions();
	}

	@Test
	void rejectsLinesWithBadSkuOrQuantityNamingEachLine() {
		assertThat(post(body(ORDER, "{\"sku\":\"A-1\",\"quantity\":0}", "{\"sku\":\"bad sku\",\"quantity\":1}",
				"{\"sku\":\"C-1\",\"quantity\":10001}"), Tokens.RESERVE))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsOnly("lines[0].quantity", "lines[1].sku", "lines[2].quantity");
		then(this.reservations).shouldHaveNoInteractions();
	}

	@Test
	void rejectsOrderIdThatIsNoUuidNamingIt() {
		assertThat(post("{\"orderId\":\"42\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":1}]}", Tokens.RESERVE))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(PROBLEM + "validation");
				json.assertThat().extractingPath("$.errors[0].field").isEqualTo("orderId");
				json.assertThat().extractingPath("$.errors[0].message").isEqualTo("must be a UUID");
			});
		then(this.reservations).shouldHaveNoInteractions();
	}

	static List<Arguments> uncoercedLines() {
		return List.of(Arguments.of(Named.of("a fraction", "{\"sku\":\"A-1\",\"quantity\":1.9}"), "lines[0].quantity"),
				Arguments.of(Named.of("a string for the quantity", "{\"sku\":\"A-1\",\"quantity\":\"1\"}"),
						"lines[0].quantity"),
				Arguments.of(Named.of("null for the quantity", "{\"sku\":\"A-1\",\"quantity\":null}"),
						"lines[0].quantity"),
				Arguments.of(Named.of("a number for the SKU", "{\"sku\":1,\"quantity\":1}"), "lines[0].sku"),
				Arguments.of(Named.of("an unknown field", "{\"sku\":\"A-1\",\"quantity\":1,\"status\":\"RELEASED\"}"),
						"lines[0].status"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("uncoercedLines")
	void rejectsALineThatIsNotExactlyOfTheDeclaredTypesNamingTheField(String line, String field) {
		assertThat(post(body(ORDER, line), Tokens.RESERVE)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.type").isEqualTo(PROBLEM + "validation");
				json.assertThat().extractingPath("$.errors[*].field").asArray().containsExactly(field);
			});
		then(this.reservations).shouldHaveNoInteractions();
	}

	@Test
	void releasesWith204() {
		assertThat(this.mvc.delete()
			.uri("/api/inventory/reservations/{orderId}", ORDER)
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.RESERVE))).hasStatus(HttpStatus.NO_CONTENT);
		then(this.reservations).should().release(ORDER);
	}

	@Test
	void answersUnknownReservationWithNotFoundProblem() {
		given(this.reservations.get(ORDER)).willThrow(new ReservationNotFoundException(ORDER));

		assertThat(this.mvc.get()
			.uri("/api/inventory/reservations/{orderId}", ORDER)
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.RESERVE))).hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo(PROBLEM + "not-found");
	}

	@Test
	void reservationsNeedReserveScopeEvenForClientsThatMayWriteItems() {
		assertThat(post(body(ORDER, "{\"sku\":\"A-1\",\"quantity\":2}"), Tokens.READ, Tokens.WRITE))
			.hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.delete()
			.uri("/api/inventory/reservations/{orderId}", ORDER)
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.READ, Tokens.WRITE)))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.delete().uri("/api/inventory/reservations/{orderId}", ORDER))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		then(this.reservations).shouldHaveNoInteractions();
	}

	private static ReservationResponse reserved() {
		return new ReservationResponse(ORDER, ReservationStatus.RESERVED,
				List.of(new ReservationResponse.Line("A-1", 2)));
	}

	private static String body(UUID orderId, String... lines) {
		return "{\"orderId\":\"" + orderId + "\",\"lines\":[" + String.join(",", lines) + "]}";
	}

	private MvcTestResult post(String json, String... scopes) {
		return this.mvc.post()
			.uri("/api/inventory/reservations")
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(scopes))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

}
