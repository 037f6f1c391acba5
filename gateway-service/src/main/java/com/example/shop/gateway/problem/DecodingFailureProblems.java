package com.example.shop.gateway.problem;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Problem bodies for requests that Reactor Netty refuses while it parses them, before
 * Spring sees them: a request line longer than
 * {@code server.netty.max-initial-line-length} (414), headers larger than
 * {@code server.max-http-request-header-size} (431), and a request line or header that is
 * not valid HTTP (400). Reactor Netty answers those with an empty body and offers no hook
 * for one, so a handler placed right after its HTTP codec answers them first, with the
 * same status and a problem, and closes the connection as Reactor Netty does.
 * <p>
 * Left to Reactor Netty: a broken request that follows another one still being answered
 * on the same connection (pipelining; answering it first would overtake that answer), and
 * a body whose chunked framing breaks after the request was handed on (the route is
 * already answering it). Both still get the status, with an empty body.
 * <p>
 * These answers carry no {@code X-Trace-Id} and no {@code traceId}: the request was never
 * read, so no span was started for it, and a request that cannot be parsed has no
 * {@code traceparent} that could be trusted either. An id made up here would name a trace
 * that exists nowhere.
 */
@Component
class DecodingFailureProblems implements NettyServerCustomizer {

	private static final String HANDLER_NAME = "shop.decodingFailureProblems";

	private final ProblemHandler handler;

	DecodingFailureProblems(ProblemResponses problems) {
		this.handler = new ProblemHandler(
				problems.body(HttpStatus.BAD_REQUEST, "The request is not valid HTTP: the gateway could not read it.",
						null),
				problems.body(HttpStatus.URI_TOO_LONG, ProblemResponses.detailFor(HttpStatus.URI_TOO_LONG), null),
				problems.body(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
						ProblemResponses.detailFor(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE), null));
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			// Only the HTTP/1.1 pipeline has this handler; HTTP/2 streams are decoded
			// elsewhere and keep Reactor Netty's own answers.
			if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
				pipeline.addBefore(NettyPipeline.HttpTrafficHandler, HANDLER_NAME, this.handler);
			}
		});
	}

	@Sharable
	static final class ProblemHandler extends ChannelInboundHandlerAdapter {

		private static final Log logger = LogFactory.getLog(DecodingFailureProblems.class);

		private final byte[] badRequest;

		private final byte[] lineTooLong;

		private final byte[] headersTooLarge;

		ProblemHandler(byte[] badRequest, byte[] lineTooLong, byte[] headersTooLarge) {
			this.badRequest = badRequest;
			this.lineTooLong = lineTooLong;
			this.headersTooLarge = headersTooLarge;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!(msg instanceof HttpRequest request) || request.decoderResult().isSuccess()
					|| ChannelOperations.get(ctx.channel()) != null) {
				ctx.fireChannelRead(msg);
				return;
			}
			DecoderResult result = request.decoderResult();
			ReferenceCountUtil.release(msg);
			FullHttpResponse response = answerFor(result.cause());
			if (logger.isDebugEnabled()) {
				logger.debug("Refused an unreadable request from " + ctx.channel().remoteAddress() + " with "
						+ response.status().code() + ": " + result.cause());
			}
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}

		private FullHttpResponse answerFor(Throwable cause) {
			Throwable reason = (cause.getCause() != null) ? cause.getCause() : cause;
			if (reason instanceof TooLongHttpLineException) {
				return response(HttpResponseStatus.REQUEST_URI_TOO_LONG, this.lineTooLong);
			}
			if (reason instanceof TooLongHttpHeaderException) {
				return response(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, this.headersTooLarge);
			}
			return response(HttpResponseStatus.BAD_REQUEST, this.badRequest);
		}

		private static FullHttpResponse response(HttpResponseStatus status, byte[] body) {
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
					Unpooled.wrappedBuffer(body));
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
				.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			// The security headers every other answer of the gateway gets from Spring
			// Security, which never sees this request.
			ProblemResponses.SECURITY_HEADERS.forEach(response.headers()::set);
			return response;
		}

	}

}
