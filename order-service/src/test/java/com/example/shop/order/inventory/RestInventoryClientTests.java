package com.example.shop.order.inventory;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How every answer of inventory (or the lack of one) becomes a result, without Spring:
 * whatever inventory does, the client never throws.
 */
class RestInventoryClientTests {

	private static final UUID ORDER = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

	private static final List<ReservationLine> LINES = List.of(new ReservationLine("A-1", 2));

	private static final WireMockServer inventory = new WireMockServer(options().dynamicPort());

	private RestInventoryClient client;

	@BeforeAll
	static void start() {
		inventory.start();
	}

	@AfterAll
	static void stop() {
		inventory.stop();
	}

	@BeforeEach
	void reset() {
		inventory.resetAll();
		this.client = clientFor(inventory.baseUrl());
	}

	@Test
	void sendsTheOrderIdAndLinesAndReportsAReservation() {
		inventory.stubFor(post(urlEqualTo("/api/inventory/reservations")).willReturn(json(201, "{\"orderId\":\"" + ORDER
				+ "\",\"status\":\"RESERVED\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":2}]}")));

		assertThat(this.client.reserve(ORDER, LINES)).isEqualTo(new ReservationResult.Reserved());
		inventory.verify(postRequestedFor(urlEqualTo("/api/inventory/reservations")).withRequestBody(
				equalToJson("{\"orderId\":\"" + ORDER + "\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":2}]}")));
	}

	@Test
	void takesARepeatedReservationAsAReservation() {
		inventory.stubFor(post(urlEqualTo("/api/inventory/reservations"))
			.willReturn(json(200, "{\"orderId\":\"" + ORDER + "\",\"status\":\"RESERVED\",\"lines\":[]}")));

		assertThat(this.client.reserve(ORDER, LINES)).isInstanceOf(ReservationResult.Reserved.class);
	}

	@Test
	void reportsEveryShortageInventoryNamed() {
		inventory.stubFor(post(urlEqualTo("/api/inventory/reservations")).willReturn(aResponse().withStatus(409)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"type\":\"https://shop.example.com/problems/insufficient-stock\",\"status\":409,"
					+ "\"shortages\":[{\"sku\":\"A-1\",\"requested\":2,\"available\":1},"
					+ "{\"sku\":\"B-2\",\"requested\":1,\"available\":0}]}")));

		assertThat(this.client.reserve(ORDER, LINES))
			.isEqualTo(new ReservationResult.Rejected(List.of(new Shortage("A-1", 2, 1), new Shortage("B-2", 1, 0))));
	}

	@Test
	void takesAConflictWithoutShortagesAsARejectionAllTheSame() {
		inventory.stubFor(post(urlEqualTo("/api/inventory/reservations")).willReturn(
				aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json").withBody("{}")));

		assertThat(this.client.reserve(ORDER, LINES)).isEqualTo(new ReservationResult.Rejected(List.of()));
	}

	@Test
	void reportsUnavailableForAnswersThatSettleNothing() {
		for (int status : new int[] { 400, 401, 403, 404, 500, 502, 503 }) {
			inventory.stubFor(post(urlEqualTo("/api/inventory/reservations"))
				.willReturn(aResponse().withStatus(status).withBody("nope")));

			assertThat(this.client.reserve(ORDER, LINES)).as("status %d", status)
				.isInstanceOf(ReservationResult.Unavailable.class);
		}
	}

	@Test
	void reportsUnavailableWhenTheAnswerDoesNotConfirmThisOrder() {
		for (String body : List.of("{\"orderId\":\"" + UUID.randomUUID() + "\",\"status\":\"RESERVED\"}",
				"{\"orderId\":\"" + ORDER + "\",\"status\":\"RELEASED\"}", "{}", "[]", "not json")) {
			inventory.stubFor(post(urlEqualTo("/api/inventory/reservations")).willReturn(json(201, body)));

			assertThat(this.client.reserve(ORDER, LINES)).as(body).isInstanceOf(ReservationResult.Unavailable.class);
		}
	}

	@Test
	void reportsUnavailableWhenInventoryIsTooSlow() {
		inventory.stubFor(post(urlEqualTo("/api/inventory/reservations"))
			.willReturn(json(201, "{\"orderId\":\"" + ORDER + "\",\"status\":\"RESERVED\"}").withFixedDelay(2000)));

		assertThat(this.client.reserve(ORDER, LINES)).isInstanceOf(ReservationResult.Unavailable.class);
	}

	@Test
	void reportsUnavailableAndReleasesNothingWhenNobodyListens() throws IOException {
		RestInventoryClient unreachable = clientFor("http://127.0.0.1:" + closedPort());

		assertThat(unreachable.reserve(ORDER, LINES)).isInstanceOf(ReservationResult.Unavailable.class);
		assertThat(unreachable.release(ORDER)).isFalse();
	}

	@Test
	void releasesWhenInventoryAnswersNoContent() {
		inventory.stubFor(
				delete(urlEqualTo("/api/inventory/reservations/" + ORDER)).willReturn(aResponse().withStatus(204)));

		assertThat(this.client.release(ORDER)).isTrue();
	}

	@Test
	void doesNotCallAFailedReleaseDone() {
		inventory.stubFor(
				delete(urlEqualTo("/api/inventory/reservations/" + ORDER)).willReturn(aResponse().withStatus(500)));

		assertThat(this.client.release(ORDER)).isFalse();
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static RestInventoryClient clientFor(String baseUrl) {
		return new RestInventoryClient(RestClient.builder()
			.baseUrl(baseUrl)
			.requestFactory(ClientHttpRequestFactoryBuilder.detect()
				.build(HttpClientSettings.defaults().withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500))))
			.build());
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
