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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One service of the system running from its packaged jar in a JVM of its own, with its
 * output in a log file.
 */
final class ServiceProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final int port;

	private final Path log;

	private @Nullable Process process;

	private ServiceProcess(String name, int port, Path log) {
		this.name = name;
		this.port = port;
		this.log = log;
	}

	static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment, List<String> args,
			Path logDir) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No packaged jar at " + jar + ": build the services first ("
					+ "./mvnw verify runs system-tests after packaging them)");
		}
		ServiceProcess service = new ServiceProcess(name, port, logDir.resolve(name + ".log"));
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port));
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(service.log.toFile());
		builder.environment().putAll(environment);
		try {
			Files.createDirectories(logDir);
			service.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return service;
	}

	String name() {
		return this.name;
	}

	String url() {
		return "http://localhost:" + this.port;
	}

	/**
	 * Waits until the readiness probe answers UP, failing with the log's tail if the
	 * process dies or time runs out.
	 */
	void awaitReady(Duration timeout) {
		HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			Awaitility.await(this.name + " ready")
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> {
					if (this.process == null || !this.process.isAlive()) {
						throw new IllegalStateException(this.name + " exited before it was ready:\n" + logTail());
					}
					return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
				});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(this.name + " was not ready within " + timeout + ":\n" + logTail(), ex);
		}
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroy();
		try {
			if (!running.waitFor(20, TimeUnit.SECONDS)) {
				running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			running.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
