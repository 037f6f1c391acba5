package com.example.shop.gateway;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * The {@code WebTestClient} of every gateway test sends each request on a connection of
 * its own, and reads each response to its end before the test sees it (so that a test may
 * check only the status and headers).
 * <p>
 * By default the client keeps its connections to the gateway in Reactor Netty's global
 * pool, and then, now and then, a request is lost: the client sends it on a connection
 * that came back from the pool, and a cancellation that belongs to the previous exchange
 * on that connection ("Http client inbound receiver cancelled, closing channel", logged
 * right after the new request was sent) closes the connection under it. The gateway
 * answers, nobody reads the answer, and the test fails on the client's 20 s timeout, as
 * {@code EdgeSecurityTest} did on {@code GET /actuator/info}. Responses left unread made
 * it happen within a hundred requests (spring-framework issue 29817 describes the same
 * hang), reading every body only made it rarer. Which connection a test's request travels
 * on is not what these tests are about, so the client does not reuse connections.
 * <p>
 * Registered for every test context in
 * {@code src/test/resources/META-INF/spring/...AutoConfiguration.imports}.
 */
@AutoConfiguration
class OneConnectionPerRequestAutoConfiguration {

	@Bean
	WebTestClientBuilderCustomizer oneConnectionPerRequest() {
		return (builder) -> builder.clientConnector(new ReactorClientHttpConnector(HttpClient.newConnection()))
			.filter(readWholeBody());
	}

	private static ExchangeFilterFunction readWholeBody() {
		return (request, next) -> next.exchange(request)
			.flatMap(OneConnectionPerRequestAutoConfiguration::withBodyRead);
	}

	private static Mono<ClientResponse> withBodyRead(ClientResponse response) {
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()))
			.map(OneConnectionPerRequestAutoConfiguration::bytesOf)
			.defaultIfEmpty(new byte[0])
			.map((body) -> response.mutate()
				.body((unread) -> Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body))))
				.build());
	}

	private static byte[] bytesOf(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
