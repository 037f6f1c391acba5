package com.example.shop.gateway;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import com.github.tomakehurst.wiremock.http.Fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GatewayErrorsTest extends GatewayTestSupport {

	private static final int LIMIT = 64 * 1024;

	@Test
	void answersAnUnknownPathWithANotFoundProblem() {
		expectProblem(this.client.get()
			.uri("/api/unknown")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:read"))
			.exchange(), HttpStatus.NOT_FOUND, "not-found").jsonPath("$.instance").isEqualTo("/api/unknown");
		expectProblem(this.client.get().uri("/nothing/here").header(HttpHeaders.AUTHORIZATION, bearer()).exchange(),
				HttpStatus.NOT_FOUND, "not-found");
		assertThat(Backends.requestsReceived()).isZero();
	}

	@Test
	void asksForATokenBeforeRevealingWhetherAnApiPathExists() {
		expectProblem(this.client.get().uri("/api/unknown").exchange(), HttpStatus.UNAUTHORIZED, "unauthorized");
	}

	@Test
	void answersAnUnsupportedMethodWithAProblemAndTheAllowedMethods() {
		expectProblem(this.client.post().uri("/actuator/health").exchange(), HttpStatus.METHOD_NOT_ALLOWED,
				"method-not-allowed");
		this.client.post()
			.uri("/actuator/health")
			.exchange()
			.expectHeader()
			.value(HttpHeaders.ALLOW, (allow) -> assertThat(allow).contains("GET"));
	}

	@Test
	void refusesADeclaredOversizedBodyWithoutCallingTheService() {
		Backends.ORDERS.stubFor(post("/api/orders").willReturn(aResponse().withStatus(201)));

		expectProblem(this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:write"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json(LIMIT + 1))
			.exchange(), HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");

		assertThat(Backends.requestsReceived()).isZero();
	}

	@Test
	void refusesAChunkedOversizedBody() {
		Backends.ORDERS.stubFor(post("/api/orders").willReturn(aResponse().withStatus(201)));

		expectProblem(this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:write"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks(20, 8 * 1024), DataBuffer.class)
			.exchange(), HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
	}

	@Test
	void forwardsBodiesUpToTheLimitWhetherDeclaredOrChunked() {
		Backends.ORDERS.stubFor(post("/api/orders").willReturn(aResponse().withStatus(201)));

		this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:write"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json(LIMIT))
			.exchange()
			.expectStatus()
			.isCreated();
		this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:write"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks(8, 8 * 1024), DataBuffer.class)
			.exchange()
			.expectStatus()
			.isCreated();

		Backends.ORDERS.verify(2, postRequestedFor(urlEqualTo("/api/orders")));
		assertThat(Backends.ORDERS.getAllServeEvents())
			.allSatisfy((event) -> assertThat(event.getRequest().getBody()).hasSize(LIMIT))
			.anySatisfy((event) -> assertThat(event.getRequest().getHeader(HttpHeaders.TRANSFER_ENCODING))
				.isEqualTo("chunked"));
	}

	@Test
	void answersAGatewayTimeoutProblemWhenTheServiceIsTooSlow() {
		Backends.INVENTORY.stubFor(get("/api/inventory/items/A-1").willReturn(aResponse().withFixedDelay(8_000)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.withBody("{\"sku\":\"A-1\"}")));

		expectProblem(this.client.get()
			.uri("/api/inventory/items/A-1")
			.header(HttpHeaders.AUTHORIZATION, bearer("inventory:read"))
			.exchange(), HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout");

		// The late answer must not land in the journal of a later test.
		await().until(() -> Backends.INVENTORY.getAllServeEvents().size() == 1);
	}

	@Test
	void answersABadGatewayProblemWhenTheServiceDropsTheConnection() {
		Backends.INVENTORY
			.stubFor(get("/api/inventory/items/A-1").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

		expectProblem(this.client.get()
			.uri("/api/inventory/items/A-1")
			.header(HttpHeaders.AUTHORIZATION, bearer("inventory:read"))
			.exchange(), HttpStatus.BAD_GATEWAY, "bad-gateway");
	}

	static BodyContentSpec expectProblem(ResponseSpec response, HttpStatus status, String typeSlug) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://shop.example.com/problems/" + typeSlug)
			.jsonPath("$.status")
			.isEqualTo(status.value())
			.jsonPath("$.title")
			.isEqualTo(status.getReasonPhrase())
			.jsonPath("$.detail")
			.isNotEmpty()
			.jsonPath("$.trace")
			.doesNotExist()
			.jsonPath("$.exception")
			.doesNotExist();
	}

	/** A JSON document of exactly {@code size} bytes. */
	private static String json(int size) {
		char[] filler = new char[size - "{\"note\":\"\"}".length()];
		Arrays.fill(filler, 'x');
		return "{\"note\":\"" + new String(filler) + "\"}";
	}

	/** A body without a declared length: the client sends it chunked. */
	private static Flux<DataBuffer> chunks(int count, int size) {
		return Flux.range(0, count).map((i) -> {
			byte[] chunk = new byte[size];
			Arrays.fill(chunk, (byte) ' ');
			return DefaultDataBufferFactory.sharedInstance.wrap(chunk);
		});
	}

}
