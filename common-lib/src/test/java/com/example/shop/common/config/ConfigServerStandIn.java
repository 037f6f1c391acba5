package com.example.shop.common.config;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A config server on a free port of 127.0.0.1 that answers what Spring Cloud Config's
 * client asks ({@code GET /<application>/<profiles>}) with one property,
 * {@code probe.value}, and can be told to serve another value, to answer 503, or to stop
 * answering at all. It remembers each request's {@code Authorization} header.
 */
final class ConfigServerStandIn implements AutoCloseable {

	static final String PROPERTY = "probe.value";

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile String value;

	private volatile boolean unavailable;

	private boolean stopped;

	private ConfigServerStandIn(String value) {
		this.value = value;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	/** Starts a stand-in that serves {@code probe.value} with the given value. */
	static ConfigServerStandIn serving(String value) {
		return new ConfigServerStandIn(value);
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Serves this value from now on. */
	void serve(String value) {
		this.value = value;
		this.unavailable = false;
	}

	/**
	 * Answers every request with 503 from now on, as a config server that lost its
	 * repository.
	 */
	void answerUnavailable() {
		this.unavailable = true;
	}

	/** Stops listening: a connection is refused from now on. */
	synchronized void stop() {
		if (!this.stopped) {
			this.stopped = true;
			this.server.stop(0);
		}
	}

	/** Every request received so far, oldest first. */
	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	void forgetRequests() {
		this.requests.clear();
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			this.requests.add(new Request(exchange.getRequestMethod() + " " + path,
					exchange.getRequestHeaders().getFirst("Authorization")));
			String[] segments = path.substring(1).split("/");
			if (this.unavailable || segments.length < 2) {
				exchange.sendResponseHeaders(this.unavailable ? 503 : 404, -1);
				return;
			}
			byte[] body = environment(segments[0], segments[1]).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	/** Spring Cloud Config's Environment document, as config-service writes it. */
	private String environment(String application, String profiles) {
		String profileList = String.join(",",
				List.of(profiles.split(",")).stream().map((profile) -> "\"" + profile + "\"").toList());
		return """
				{"name":"%s","profiles":[%s],"label":null,"version":null,"state":null,
				"propertySources":[{"name":"stand-in","source":{"%s":"%s"}}]}""".formatted(application, profileList,
				PROPERTY, this.value);
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * One request the stand-in received.
	 *
	 * @param line method and path
	 * @param authorization the {@code Authorization} header, or {@code null}
	 */
	record Request(String line, @Nullable String authorization) {

	}

}
