package com.example.shop.gateway.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The gateway's plain-HTTP port when TLS is on ({@code shop.gateway.tls.redirect-port}):
 * a small server of its own that answers every request, whatever its method, with
 * {@code 308 Permanent Redirect} to the same host, path and query on the gateway's HTTPS
 * port. 308 rather than 301, so that a client repeats a POST as a POST, body and all. It
 * serves nothing else: no route, no actuator, no HSTS (which a browser ignores over plain
 * HTTP). Started once the gateway's own server listens (its HTTPS port is known then), on
 * the same address ({@code server.address}), and stopped with the application.
 */
class HttpsRedirectServer implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(HttpsRedirectServer.class);

	/** A host name or IPv4 address, or a bracketed IPv6 address, then maybe a port. */
	private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(?::\\d{1,5})?");

	private final int port;

	private final @Nullable InetAddress address;

	private volatile @Nullable DisposableServer server;

	/**
	 * A redirect server, not started yet.
	 * @param port its port (0 picks a free one)
	 * @param address the address to listen on, {@code null} for every interface
	 */
	HttpsRedirectServer(int port, @Nullable InetAddress address) {
		this.port = port;
		this.address = address;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		// The management server, when it has a port of its own, is no HTTPS port to send
		// anyone to.
		if (event.getApplicationContext().getServerNamespace() != null || this.server != null) {
			return;
		}
		int httpsPort = event.getWebServer().getPort();
		InetSocketAddress bindAddress = (this.address != null) ? new InetSocketAddress(this.address, this.port)
				: new InetSocketAddress(this.port);
		DisposableServer started = HttpServer.create()
			.bindAddress(() -> bindAddress)
			.handle((request, response) -> redirect(request, response, httpsPort))
			.bindNow();
		this.server = started;
		logger.info("Plain HTTP on port " + started.port() + " redirects to HTTPS on port " + httpsPort);
	}

	/**
	 * The port this server listens on.
	 * @return the port, or -1 before it started
	 */
	int port() {
		DisposableServer started = this.server;
		return (started != null) ? started.port() : -1;
	}

	@Override
	public void destroy() {
		DisposableServer started = this.server;
		if (started != null) {
			started.disposeNow();
			this.server = null;
		}
	}

	private static Mono<Void> redirect(HttpServerRequest request, HttpServerResponse response, int httpsPort) {
		String location = location(request.requestHeaders().get(HttpHeaderNames.HOST), request.uri(), httpsPort);
		if (location == null) {
			return response.status(HttpResponseStatus.BAD_REQUEST).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
		}
		return response.status(HttpResponseStatus.PERMANENT_REDIRECT)
			.header(HttpHeaderNames.LOCATION, location)
			.header(HttpHeaderNames.CONTENT_LENGTH, "0")
			.send();
	}

	/**
	 * Where a plain-HTTP request goes: the host it named, without its port, on the HTTPS
	 * port, with the same path and query.
	 * @param host the request's {@code Host} header
	 * @param uri the request target (path and query)
	 * @param httpsPort the gateway's HTTPS port
	 * @return the HTTPS URL, or {@code null} when the request names no usable host
	 */
	static @Nullable String location(@Nullable String host, String uri, int httpsPort) {
		if (host == null) {
			return null;
		}
		Matcher matcher = HOST.matcher(host.trim());
		if (!matcher.matches()) {
			return null;
		}
		String port = (httpsPort == 443) ? "" : ":" + httpsPort;
		String pathAndQuery = uri.startsWith("/") ? uri : "/";
		return "https://" + matcher.group(1) + port + pathAndQuery;
	}

}
