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

	private final List<String> command;

	private final Map<String, String> environment;

	private @Nullable Process process;

	private ServiceProcess(String name, int port, Path log, List<String> command, Map<String, String> environment) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
	}

	static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment, List<String> args,
			Path logDir) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No packaged jar at " + jar + ": build the services first ("
					+ "./mvnw verify runs system-tests after packaging them)");
		}
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"@" + jvmOptions(jar), "-jar", jar.toString(), "--server.port=" + port));
		command.addAll(args);
		ServiceProcess service = new ServiceProcess(name, port, logDir.resolve(name + ".log"), command, environment);
		service.launch(ProcessBuilder.Redirect.to(service.log.toFile()));
		return service;
	}

	private void launch(ProcessBuilder.Redirect output) {
		ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true).redirectOutput(output);
		builder.environment().putAll(this.environment);
		try {
			Files.createDirectories(this.log.getParent());
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
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

	boolean isAlive() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	/** The exit code of the process; fails while it runs or before it started. */
	int exitValue() {
		Process running = this.process;
		if (running == null) {
			throw new IllegalStateException(this.name + " never started");
		}
		return running.exitValue();
	}

	/**
	 * Kills the process with SIGKILL, as the OOM killer or {@code kill -9} would: no
	 * shutdown hook runs, nothing is flushed. Returns once the process is gone.
	 */
	void kill() {
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
			awaitExit(running, Duration.ofSeconds(10));
		}
	}

	/**
	 * Sends SIGTERM, as an orchestrator stopping the service would, and returns at once:
	 * the service shuts down gracefully on its own ({@link #awaitExit}).
	 */
	void terminate() {
		Process running = this.process;
		if (running != null) {
			running.destroy();
		}
	}

	/**
	 * Waits until the process has exited; fails if it is still running after the timeout.
	 */
	void awaitExit(Duration timeout) {
		Process running = this.process;
		if (running != null) {
			awaitExit(running, timeout);
		}
	}

	private void awaitExit(Process running, Duration timeout) {
		try {
			if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(this.name + " still runs " + timeout + " after it was stopped");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Starts the service again with the same command, port and environment after it
	 * exited (killed or terminated); its output is appended to the same log. Does not
	 * wait for it to be ready.
	 */
	void restart() {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " still runs: stop it before restarting it");
		}
		appendToLog("---- restarted by the test ----");
		launch(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
	}

	private void appendToLog(String line) {
		try {
			Files.writeString(this.log, line + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
					java.nio.file.StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The log written so far, every start included. */
	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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

	/**
	 * The service's own JVM options, {@code <service>/jvm.options} beside its
	 * {@code target/} folder: the same file run-local.sh and the image use, given after
	 * the options above so that it wins.
	 */
	private static Path jvmOptions(Path jar) {
		Path options = jar.toAbsolutePath().getParent().resolveSibling("jvm.options");
		if (!Files.isRegularFile(options)) {
			throw new IllegalStateException("No JVM options file at " + options);
		}
		return options;
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
