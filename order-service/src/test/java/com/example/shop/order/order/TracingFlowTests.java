package com.example.shop.order.order;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.example.shop.common.tracing.TraceIds;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With tracing on (as in every real run), over real HTTP: every answer names its trace in
 * {@code X-Trace-Id}, problems carry the same id as {@code traceId}, the trace goes on to
 * inventory ({@code traceparent}) and to the token request, the order stores it for the
 * reconciler, and the service's log lines carry it.
 * <p>
 * Every request is sampled, as config-repo's application.yml has it (Spring Boot's
 * default is one in ten). The reconciler is off in this context: it would share the
 * database with the other flow tests' context and send reservations they count.
 */
@AutoConfigureTracing
@TestPropertySource(properties = { "orders.reconciler.enabled=false", "management.tracing.sampling.probability=1.0",
		"logging.level.com.example.shop.order.inventory=INFO" })
@ExtendWith(OutputCaptureExtension.class)
class TracingFlowTests extends OrderFlowTestSupport {

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private FinishedSpans spans;

	@Test
	void aPlacedOrderIsOneTraceFromTheRequestToInventoryAndTheTokenRequest(CapturedOutput output) {
		String sku = sku("TRACE");
		inventoryIsShortOf(sku, 2, 1);

		ResponseEntity<String> answer = place(owner("tracer"), UUID.randomUUID().toString(), line(sku, 2));

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		String traceId = answer.getHeaders().getFirst(TraceIds.HEADER);
		assertThat(answer.getHeaders().get(TraceIds.HEADER)).hasSize(1);
		assertThat(traceId).matches(TRACE_ID);
		// The insufficient-stock problem names the same trace.
		assertThat((String) JsonPath.read(answer.getBody(), "$.traceId")).isEqualTo(traceId);
		// Inventory was called within the trace.
		assertThat(inventory.findAll(reservationsOf(sku).withHeader("traceparent", matching("00-" + traceId + "-.*"))))
			.hasSize(1);
		// The order keeps the trace for the reconciler.
		String orderId = output.getOut()
			.lines()
			.filter((line) -> line.contains("Inventory rejected the reservation of order") && line.contains(sku))
			.map((line) -> line.replaceAll(".*reservation of order ([0-9a-f-]{36}).*", "$1"))
			.findFirst()
			.orElseThrow();
		assertThat(this.jdbc.queryForList("select trace_id, span_id from orders where id = cast(? as uuid)", orderId))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.get("trace_id")).isEqualTo(traceId);
				assertThat((String) row.get("span_id")).matches("[0-9a-f]{16}");
			});
		// This context's first call to inventory asked auth-service for a token, in the
		// same trace.
		await().untilAsserted(() -> assertThat(this.spans.of(traceId)).anySatisfy(
				(span) -> assertThat(span.tags().values()).anyMatch((value) -> value.contains("/oauth2/token"))));
		// The service's own log line about this order carries the trace id.
		assertThat(
				output.getOut().lines().filter((line) -> line.contains("Inventory rejected the reservation of order")))
			.anyMatch((line) -> line.contains(traceId));
	}

	@Test
	void aProblemCarriesTheTraceIdOfItsAnswer() {
		ResponseEntity<String> notFound = get(owner("tracer"), "/api/orders/" + UUID.randomUUID());
		assertSameTrace(notFound, HttpStatus.NOT_FOUND);

		ResponseEntity<String> unauthenticated = http().get().uri("/api/orders").retrieve().toEntity(String.class);
		// Written by Spring Security's entry point, outside Spring MVC.
		assertSameTrace(unauthenticated, HttpStatus.UNAUTHORIZED);
	}

	@Test
	void everyAnswerCarriesItsTraceId() {
		ResponseEntity<String> health = http().get().uri("/actuator/health").retrieve().toEntity(String.class);

		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getHeaders().get(TraceIds.HEADER)).singleElement().asString().matches(TRACE_ID);
	}

	private static void assertSameTrace(ResponseEntity<String> answer, HttpStatus status) {
		assertThat(answer.getStatusCode()).isEqualTo(status);
		assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		List<String> header = answer.getHeaders().get(TraceIds.HEADER);
		assertThat(header).singleElement().asString().matches(TRACE_ID);
		assertThat((String) JsonPath.read(answer.getBody(), "$.traceId")).isEqualTo(header.get(0));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SpanCapture {

		@Bean
		FinishedSpans finishedSpans() {
			return new FinishedSpans();
		}

	}

	/** Every span the service's Brave tracer finished, kept in memory. */
	static class FinishedSpans extends SpanHandler {

		private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			this.spans.add(span);
			return true;
		}

		List<MutableSpan> of(String traceId) {
			return this.spans.stream().filter((span) -> traceId.equals(span.traceId())).toList();
		}

	}

}
