package com.example.shop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Zipkin server (its runnable jar, which Maven resolves and failsafe names in the
 * system property {@code zipkin.jar}) in a JVM of its own on a free port of 127.0.0.1,
 * keeping spans in memory; its log in a file.
 */
final class ZipkinServer implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final int port;

	private final Path log;

	private ZipkinServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts the server and returns at once ({@link #awaitReady}). */
	static ZipkinServer start(Path logDir) {
		String jar = System.getProperty("zipkin.jar", "");
		if (jar.isEmpty() || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("No Zipkin server jar at '" + jar + "': the system property zipkin.jar "
					+ "names it (failsafe sets it to io.zipkin:zipkin-server:exec, a dependency of system-tests)");
		}
		int port = ListeningSockets.freePort();
		Path log = logDir.resolve("zipkin.log");
		// Armeria serves Zipkin; its port list replaces the default one (every
		// interface).
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar,
				"--armeria.ports[0].port=" + port, "--armeria.ports[0].ip=127.0.0.1",
				"--armeria.ports[0].protocols[0]=http");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
		builder.environment().put("STORAGE_TYPE", "mem");
		try {
			Files.createDirectories(logDir);
			return new ZipkinServer(builder.start(), port, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where the services send their spans. */
	String spansEndpoint() {
		return url() + "/api/v2/spans";
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Waits until {@code /health} answers 200, failing with the log's tail. */
	void awaitReady(Duration timeout) {
		HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			Awaitility.await("Zipkin ready")
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("Zipkin exited before it was ready:\n" + logTail());
					}
					return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
				});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("Zipkin was not ready within " + timeout + ":\n" + logTail(), ex);
		}
	}

	/**
	 * The spans Zipkin holds of one trace (none yet: an empty list), from its API
	 * {@code /api/v2/trace/{traceId}}.
	 */
	JsonNode trace(String traceId) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/api/v2/trace/" + traceId))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 404) {
				return json.createArrayNode();
			}
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Zipkin answered " + response.statusCode() + ": " + response.body());
			}
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The names of the services that reported spans of a trace. */
	Set<String> servicesOf(String traceId) {
		Set<String> services = new TreeSet<>();
		trace(traceId).forEach((span) -> services.add(span.path("localEndpoint").path("serviceName").asString("")));
		services.remove("");
		return services;
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
