package com.example.shop.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, as a developer runs it, with TLS at the gateway and
 * tracing: {@code ./run-local.sh --smoke --bus --tls --tracing} makes a self-signed
 * certificate, fetches and starts Zipkin, starts the five services on their usual ports
 * with the embedded H2 databases, Spring Cloud Bus over the machine's RabbitMQ, span
 * export to that Zipkin and the gateway on HTTPS, places a demo order through the gateway
 * (tokens whose issuer is the gateway's HTTPS URL, accepted by every service), checks the
 * HSTS header and the issuer auth-service publishes, checks that config-service refuses a
 * read without credentials and serves no plain-text secret with them, that a problem of
 * each service carries the trace id of its header, that the demo order's trace in Zipkin
 * spans the gateway, order- and inventory-service, that one bus refresh reaches every
 * service, that order-service publishes its order metrics and its circuit breaker's state
 * and that 300 quick requests of one client meet the gateway's rate limit (some 429
 * problems with Retry-After, no 5xx; every curl trusting the certificate), and stops
 * everything. And {@code ./run-local.sh} left running without the bus and TLS (no
 * RabbitMQ needed, plain HTTP): only the gateway listens on every interface, the other
 * four on 127.0.0.1 alone; a service that dies stops the whole run, named with its log.
 */
class RunLocalScriptSystemTest {

	private static final List<Integer> PORTS = List.of(8888, 9000, 8082, 8081, 8080);

	private static final int ZIPKIN_PORT = 9411;

	private static final Pattern ZIPKIN_STARTED = Pattern.compile("Zipkin started \\(pid (\\d+),");

	private static final Pattern STARTED = Pattern.compile("Started ([a-z-]+) \\(pid (\\d+),");

	private static final String ESCAPE = "\u001b";

	private final Path root = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

	private final Path work = this.root.resolve("system-tests/target/run-local");

	@Test
	void smokeRunConfirmsTheDemoOrderAndLeavesNothingRunning() throws Exception {
		Path output = this.work.resolve("run-local.out");
		// Extra arguments reach every service and win over config-repo/ (a burst of 50
		// there). One request's worth back a second instead of 10: a busy machine may
		// send fewer than 10 requests a second through TLS handshakes, and the 300
		// requests must still meet the limit.
		Process process = runLocal(output, Map.of("SHOP_SERVICE_ARGS",
				"--shop.gateway.rate-limit.api.burst-capacity=40 --shop.gateway.rate-limit.api.replenish-rate=1"),
				"--smoke", "--bus", "--tls", "--tracing");
		boolean finished = process.waitFor(5, TimeUnit.MINUTES);
		if (!finished) {
			process.destroy();
			process.waitFor(60, TimeUnit.SECONDS);
		}

		String printed = Files.readString(output);
		assertThat(finished).as("run-local.sh --smoke finished within 5 minutes:\n" + printed).isTrue();
		assertThat(process.exitValue()).as(printed).isZero();
		assertThat(printed).contains("\"status\":\"CONFIRMED\"").contains("Smoke run passed");
		assertThat(printed).as("the rate limit met, no 5xx")
			.contains("300 quick requests of one client:")
			.contains(" x 429");
		assertThat(printed).as("a person signs in; refused tokens, through the gateway and directly")
			.contains("People: alice signed in through the gateway and her order ")
			.contains("is hers alone; an unsigned token and a token for another service got 401 problems "
					+ "through the gateway and directly");
		assertThat(printed).as("SHOP_SERVICE_ARGS applied").contains("allows a burst of 40 requests");
		assertThat(printed).as("config-service secured, no plain-text secret served")
			.contains("config-service: 401 without credentials; with them, settings and no plain-text secret");
		assertThat(printed).as("--bus: one bus refresh reached every service")
			.contains("Spring Cloud Bus on, over RabbitMQ at localhost:5672")
			.contains("one POST /actuator/busrefresh on config-service reached the four other services");
		assertThat(printed).as("--tls: HTTPS at the gateway, HSTS, one issuer for every service")
			.contains("Gateway (the only public entry)   https://localhost:8080")
			.contains("TLS: the gateway answers at https://localhost:8080 with HSTS, "
					+ "and every token's issuer is https://localhost:8080");
		Path tls = this.work.resolve("local/tls");
		assertThat(tls.resolve("cert.pem")).as("the certificate stays for the next run").isNotEmptyFile();
		assertThat(Files.getPosixFilePermissions(tls.resolve("key.pem"))).as("the key is readable by its owner only")
			.containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		assertThat(printed).as("problems name their trace; order metrics published")
			.contains("Problems of all five services carry the trace id of their X-Trace-Id header")
			.contains("order-service publishes shop_orders_total and shop_orders_pending_oldest_age_seconds");
		assertThat(printed).as("--tracing: Zipkin's UI printed, the demo order's trace across three services")
			.contains("traces (Zipkin)  http://localhost:9411/zipkin/")
			.containsPattern("Zipkin: the demo order's trace [0-9a-f]{32} holds spans of gateway-service, "
					+ "order-service and inventory-service");
		assertThat(this.work.resolve("local/logs/zipkin.log")).as("Zipkin's log").isNotEmptyFile();
		assertThat(printed).as("no colour codes when the output is no terminal").doesNotContain(ESCAPE);
		assertThat(PORTS).as("no service is left running").noneMatch(RunLocalScriptSystemTest::listening);
		assertThat(startedPids(printed)).as("no service is left running").noneMatch(RunLocalScriptSystemTest::alive);
		Matcher zipkin = ZIPKIN_STARTED.matcher(printed);
		assertThat(zipkin.find()).as("Zipkin started:\n" + printed).isTrue();
		assertThat(alive(Long.parseLong(zipkin.group(1)))).as("Zipkin is not left running").isFalse();
		assertThat(listening(ZIPKIN_PORT)).as("Zipkin is not left running").isFalse();
	}

	@Test
	void aServiceThatDiesStopsEveryOtherAndNamesItsLog() throws Exception {
		Path output = this.work.resolve("run-local-service-dies.out");
		// Without --bus no broker is needed: one that cannot be reached changes nothing.
		Process process = runLocal(output, Map.of("SPRING_RABBITMQ_PORT", "1"));
		try {
			long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
			while (process.isAlive() && !Files.readString(output).contains("Running. Press Ctrl-C")
					&& System.nanoTime() < deadline) {
				Thread.sleep(500);
			}
			String running = Files.readString(output);
			assertThat(process.isAlive()).as("run-local.sh runs until stopped:\n" + running).isTrue();
			assertThat(running).as("run-local.sh started and placed the demo order:\n" + running)
				.contains("Running. Press Ctrl-C")
				.contains("Gateway (the only public entry)   http://localhost:8080");
			Map<String, Long> pids = startedPidsByService(running);
			long order = pids.get("order-service");
			for (int port : PORTS.subList(0, 4)) {
				assertThat(ListeningSockets.addresses(port)).as("port %d listens on the loopback interface only", port)
					.isNotEmpty()
					.allMatch(InetAddress::isLoopbackAddress);
			}
			assertThat(ListeningSockets.addresses(8080)).as("the gateway faces the network")
				.isNotEmpty()
				.anyMatch(InetAddress::isAnyLocalAddress);

			long killedAt = System.nanoTime();
			ProcessHandle.of(order).ifPresent(ProcessHandle::destroyForcibly);
			boolean finished = process.waitFor(40, TimeUnit.SECONDS);
			Duration stoppedAfter = Duration.ofNanos(System.nanoTime() - killedAt);

			String printed = Files.readString(output);
			assertThat(finished).as("run-local.sh ended after order-service died:\n" + printed).isTrue();
			assertThat(process.exitValue()).as(printed).isNotZero();
			assertThat(printed).as("names the service, its pid and its log")
				.contains("order-service (pid " + order + ") died")
				.contains(this.work.resolve("local/logs/order-service.log").toString());
			assertThat(printed).as("no colour codes when the output is no terminal").doesNotContain(ESCAPE);
			assertThat(stoppedAfter).as("noticed and stopped within seconds").isLessThan(Duration.ofSeconds(30));
			assertThat(pids.values()).as("no other service stays running").noneMatch(RunLocalScriptSystemTest::alive);
			assertThat(PORTS).as("no service is left running").noneMatch(RunLocalScriptSystemTest::listening);
		}
		finally {
			if (process.isAlive()) {
				// run-local.sh stops every service it started on SIGTERM.
				process.destroy();
				process.waitFor(60, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * Starts run-local.sh with its output (stdout and stderr, no terminal) in a file;
	 * both tests share one local folder, so the second reuses the start-up archives the
	 * first made.
	 */
	private Process runLocal(Path output, Map<String, String> environment, String... args) throws IOException {
		assertThat(PORTS).as("ports run-local.sh needs must be free (is a local run still going?)")
			.noneMatch(RunLocalScriptSystemTest::listening);
		assertThat(listening(ZIPKIN_PORT)).as("Zipkin's port must be free (is a local run still going?)").isFalse();
		Files.createDirectories(this.work);
		List<String> command = new ArrayList<>(List.of("bash", this.root.resolve("run-local.sh").toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().put("SHOP_LOCAL_DIR", this.work.resolve("local").toString());
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static List<Long> startedPids(String printed) {
		return List.copyOf(startedPidsByService(printed).values());
	}

	private static Map<String, Long> startedPidsByService(String printed) {
		Map<String, Long> pids = new LinkedHashMap<>();
		Matcher matcher = STARTED.matcher(printed);
		while (matcher.find()) {
			pids.put(matcher.group(1), Long.parseLong(matcher.group(2)));
		}
		assertThat(pids).as("five services started:\n" + printed).hasSize(5);
		return pids;
	}

	private static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
