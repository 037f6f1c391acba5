package com.example.shop.gateway;

import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import com.example.shop.common.tracing.TraceIds;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing on, as in every real run: the gateway's answers carry one
 * {@code X-Trace-Id}, its own problems the same id as {@code traceId}, and the services
 * behind it are called within the same trace.
 */
@AutoConfigureTracing
@ExtendWith(OutputCaptureExtension.class)
class TracingTest extends GatewayTestSupport {

	private static final String TRACE_ID = "[0-9a-f]{32}";

	@Test
	void passesItsTraceToTheServiceAndAnswersWithOneTraceId() {
		// A service answering with a header of its own (another trace, to tell them
		// apart).
		Backends.ORDERS.stubFor(get("/api/orders/1").willReturn(aResponse().withStatus(200)
			.withHeader(TraceIds.HEADER, "f".repeat(32))
			.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
			.withBody("{}")));

		EntityExchangeResult<byte[]> result = this.client.get()
			.uri("/api/orders/1")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:read"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();

		List<String> header = result.getResponseHeaders().get(TraceIds.HEADER);
		assertThat(header).singleElement().asString().matches(TRACE_ID);
		List<LoggedRequest> forwarded = Backends.ORDERS.findAll(getRequestedFor(urlEqualTo("/api/orders/1")));
		assertThat(forwarded).singleElement()
			.satisfies(
					(request) -> assertThat(request.getHeader("traceparent")).startsWith("00-" + header.get(0) + "-"));
	}

	@Test
	void aProblemOfTheGatewayCarriesTheTraceIdOfItsAnswer() {
		sameTrace(this.client.get()
			.uri("/api/unknown")
			.header(HttpHeaders.AUTHORIZATION, bearer("orders:read"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.NOT_FOUND)
			.expectBody()
			.returnResult());
		// Spring Security's entry point.
		sameTrace(this.client.get()
			.uri("/api/orders")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNAUTHORIZED)
			.expectBody()
			.returnResult());
	}

	@Test
	void aLogLineWrittenWhileARequestIsRoutedCarriesItsTraceId(CapturedOutput output) {
		// The gateway logs a route's failure from inside the reactive chain, on a Netty
		// thread: the trace id reaches that line only through Reactor's context
		// propagation (spring.reactor.context-propagation: auto).
		Backends.INVENTORY
			.stubFor(get("/api/inventory/items/T-1").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

		EntityExchangeResult<byte[]> result = this.client.get()
			.uri("/api/inventory/items/T-1")
			.header(HttpHeaders.AUTHORIZATION, bearer("inventory:read"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectBody()
			.returnResult();

		String traceId = result.getResponseHeaders().getFirst(TraceIds.HEADER);
		assertThat(traceId).matches(TRACE_ID);
		assertThat(output.getAll().lines().filter((line) -> line.contains("Route inventory failed"))).singleElement()
			.asString()
			.contains(traceId);
	}

	private static void sameTrace(EntityExchangeResult<byte[]> result) {
		List<String> header = result.getResponseHeaders().get(TraceIds.HEADER);
		assertThat(header).singleElement().asString().matches(TRACE_ID);
		assertThat(new String(result.getResponseBody())).contains("\"traceId\":\"" + header.get(0) + "\"");
	}

}
