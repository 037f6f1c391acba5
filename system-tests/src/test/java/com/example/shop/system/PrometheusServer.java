package com.example.shop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian's {@code prometheus} package, the binary on the {@code PATH})
 * on a free port of 127.0.0.1, scraping the services every second with a {@code service}
 * label per target, as docker/prometheus/prometheus.yml labels them, and evaluating rule
 * files every second; its data and log in a folder of its own.
 */
final class PrometheusServer implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final String url;

	private final Path log;

	private PrometheusServer(Process process, String url, Path log) {
		this.process = process;
		this.url = url;
		this.log = log;
	}

	/**
	 * Starts Prometheus scraping {@code /actuator/prometheus} of every target (service
	 * name to base URL) and evaluating the rule files; returns once it is ready.
	 */
	static PrometheusServer start(Path folder, Map<String, String> targets, List<Path> ruleFiles) {
		Path binary = executable("prometheus");
		int port = ListeningSockets.freePort();
		Path config = folder.resolve("prometheus.yml");
		Path log = folder.resolve("prometheus.log");
		ShopSystem.deleteRecursively(folder);
		try {
			Files.createDirectories(folder);
			Files.writeString(config, config(targets, ruleFiles));
			Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
					"--storage.tsdb.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
				.start();
			PrometheusServer prometheus = new PrometheusServer(process, "http://127.0.0.1:" + port, log);
			prometheus.awaitReady(Duration.ofSeconds(60));
			return prometheus;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A tool of Debian's {@code prometheus} package on the {@code PATH}; fails (never
	 * skips) without it: CI installs the package.
	 */
	static Path executable(String name) {
		List<String> folders = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
		folders.add("/usr/bin");
		return folders.stream()
			.filter((folder) -> !folder.isEmpty())
			.map((folder) -> Path.of(folder, name))
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"No " + name + " on the PATH: install Debian's prometheus package (apt-get install prometheus)"));
	}

	private static String config(Map<String, String> targets, List<Path> ruleFiles) {
		StringBuilder config = new StringBuilder("""
				global:
				  scrape_interval: 1s
				  scrape_timeout: 1s
				  evaluation_interval: 1s
				rule_files:
				""");
		ruleFiles.forEach((file) -> config.append("  - '").append(file.toAbsolutePath()).append("'\n"));
		config.append("""
				scrape_configs:
				  - job_name: shop
				    metrics_path: /actuator/prometheus
				    static_configs:
				""");
		targets.forEach((service, base) -> config.append("      - targets: ['")
			.append(URI.create(base).getAuthority())
			.append("']\n        labels: {service: ")
			.append(service)
			.append("}\n"));
		return config.toString();
	}

	private void awaitReady(Duration timeout) {
		try {
			Awaitility.await("Prometheus ready")
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("Prometheus exited before it was ready:\n" + log());
					}
					return get("/-/ready").statusCode() == 200;
				});
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException("Prometheus was not ready within " + timeout + ":\n" + log(), ex);
		}
	}

	/**
	 * What an instant query answers now: the result (a vector, or a scalar's one value in
	 * an array), or a reason why there is none.
	 */
	Answer query(String promql) {
		try {
			HttpResponse<String> response = get(
					"/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
			JsonNode body = json.readTree(response.body());
			if (!"success".equals(body.path("status").asString(""))) {
				return new Answer(List.of(), Optional
					.of(body.path("errorType").asString("") + ": " + body.path("error").asString(response.body())));
			}
			JsonNode data = body.path("data");
			List<JsonNode> result = new ArrayList<>();
			if (data.path("result").isArray()) {
				data.path("result").forEach(result::add);
			}
			else {
				result.add(data.path("result"));
			}
			return new Answer(result, Optional.empty());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The values a label has on the series a selector selects (all, without one). */
	List<String> labelValues(String label, Optional<String> series) {
		String path = "/api/v1/label/" + label + "/values"
				+ series.map((selector) -> "?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8))
					.orElse("");
		try {
			List<String> values = new ArrayList<>();
			json.readTree(get(path).body()).path("data").forEach((value) -> values.add(value.asString()));
			return values;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private HttpResponse<String> get(String path) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.url + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String log() {
		try {
			return Files.readString(this.log);
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

	/**
	 * An instant query's answer.
	 *
	 * @param result its samples (a scalar: its value)
	 * @param error why Prometheus refused the query, if it did
	 */
	record Answer(List<JsonNode> result, Optional<String> error) {

		/**
		 * True if the query returned at least one sample that is a number (NaN is none: a
		 * panel shows nothing).
		 */
		boolean hasData() {
			return this.result.stream().anyMatch((sample) -> {
				JsonNode value = sample.isArray() ? sample : sample.path("value");
				String number = value.path(1).asString("NaN");
				return !number.equals("NaN");
			});
		}

		@Override
		public String toString() {
			return this.error.orElseGet(() -> this.result.isEmpty() ? "no series" : "only NaN: " + this.result);
		}

	}

}
