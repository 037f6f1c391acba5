package com.example.shop.gateway.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.AdaptCachedBodyGlobalFilter;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code RequestBodyLimit=64KB}: refuses request bodies above a size with 413. The
 * built-in {@code RequestSize} filter only reads the {@code Content-Length} header, so a
 * chunked body of any size would pass it; this filter also counts the bytes of a body
 * that declares no length while it streams to the service, and aborts the call when the
 * limit is passed. The 413 becomes a problem in the gateway's error handler.
 * <p>
 * It runs before every other filter of the route, whatever its place in the route's list:
 * a route with a circuit breaker fallback has its body read into memory first (so that
 * the fallback could still read it), and that copy must not grow past the limit either.
 */
@Component
class RequestBodyLimitGatewayFilterFactory
		extends AbstractGatewayFilterFactory<RequestBodyLimitGatewayFilterFactory.Config> {

	/** Just before the global filter that caches request bodies. */
	static final int BEFORE_BODY_CACHING = new AdaptCachedBodyGlobalFilter().getOrder() - 1;

	RequestBodyLimitGatewayFilterFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("maxSize");
	}

	@Override
	public GatewayFilter apply(Config config) {
		long maxBytes = config.getMaxSize().toBytes();
		Assert.isTrue(maxBytes > 0, "maxSize must be positive");
		return new OrderedGatewayFilter((exchange, chain) -> {
			ServerHttpRequest request = exchange.getRequest();
			long declared = request.getHeaders().getContentLength();
			if (declared > maxBytes) {
				return Mono.error(tooLarge());
			}
			if (declared >= 0) {
				// HTTP framing guarantees the body is no longer than it declares.
				return chain.filter(exchange);
			}
			ServerHttpRequest limited = new ServerHttpRequestDecorator(request) {

				@Override
				public Flux<DataBuffer> getBody() {
					return limit(super.getBody(), maxBytes);
				}

			};
			return chain.filter(exchange.mutate().request(limited).build());
		}, BEFORE_BODY_CACHING);
	}

	static Flux<DataBuffer> limit(Flux<DataBuffer> body, long maxBytes) {
		return Flux.defer(() -> {
			AtomicLong seen = new AtomicLong();
			return body.handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
					DataBufferUtils.release(buffer);
					sink.error(tooLarge());
				}
				else {
					sink.next(buffer);
				}
			});
		});
	}

	private static ResponseStatusException tooLarge() {
		return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE);
	}

	/**
	 * Arguments of the filter. A JavaBean rather than a record because the gateway binds
	 * route arguments through setters.
	 */
	public static final class Config {

		private DataSize maxSize = DataSize.ofKilobytes(64);

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

	}

}
