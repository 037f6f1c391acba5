package com.example.shop.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodyLimitGatewayFilterFactoryTest {

	private final GatewayFilter tenBytes = limit(10);

	@Test
	void refusesADeclaredLengthAboveTheLimitBeforeTheServiceIsCalled() {
		AtomicInteger calls = new AtomicInteger();
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/api/orders").contentLength(11).body("0123456789A"));

		StepVerifier.create(this.tenBytes.filter(exchange, (routed) -> {
			calls.incrementAndGet();
			return Mono.empty();
		})).verifyErrorSatisfies(this::isContentTooLarge);
		assertThat(calls).hasValue(0);
	}

	@Test
	void abortsAStreamedBodyOnceItPassesTheLimit() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/api/orders").body(Flux.just(buffer("012345"), buffer("6789A"))));

		StepVerifier.create(this.tenBytes.filter(exchange, consumeBody()))
			.verifyErrorSatisfies(this::isContentTooLarge);
	}

	@Test
	void passesAStreamedBodyUpToTheLimitUntouched() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/api/orders").body(Flux.just(buffer("01234"), buffer("56789"))));
		StringBuilder received = new StringBuilder();

		StepVerifier.create(this.tenBytes.filter(exchange,
				(routed) -> DataBufferUtils.join(routed.getRequest().getBody()).doOnNext((joined) -> {
					received.append(joined.toString(StandardCharsets.UTF_8));
					DataBufferUtils.release(joined);
				}).then()))
			.verifyComplete();
		assertThat(received).hasToString("0123456789");
	}

	private void isContentTooLarge(Throwable error) {
		assertThat(error).isInstanceOfSatisfying(ResponseStatusException.class,
				(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
	}

	private static GatewayFilterChain consumeBody() {
		return (routed) -> DataBufferUtils.join(routed.getRequest().getBody())
			.doOnNext(DataBufferUtils::release)
			.then();
	}

	private static DataBuffer buffer(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private static GatewayFilter limit(long bytes) {
		RequestBodyLimitGatewayFilterFactory.Config config = new RequestBodyLimitGatewayFilterFactory.Config();
		config.setMaxSize(DataSize.ofBytes(bytes));
		return new RequestBodyLimitGatewayFilterFactory().apply(config);
	}

}
