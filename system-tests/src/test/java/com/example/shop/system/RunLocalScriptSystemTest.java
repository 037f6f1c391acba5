package com.example.shop.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, as a developer runs it: {@code ./run-local.sh --smoke}
 * starts the five services on their usual ports with the embedded H2 databases, places a
 * demo order through the gateway, checks that order-service publishes its circuit
 * breaker's state and that 300 quick requests of one client meet the gateway's rate limit
 * (some 429 problems with Retry-After, no 5xx), and stops everything.
 */
class RunLocalScriptSystemTest {

	private static final List<Integer> PORTS = List.of(8888, 9000, 8082, 8081, 8080);

	@Test
	void smokeRunConfirmsTheDemoOrderAndLeavesNothingRunning() throws Exception {
		assertThat(PORTS).as("ports run-local.sh needs must be free (is a local run still going?)")
			.noneMatch(RunLocalScriptSystemTest::listening);
		Path root = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();
		Path work = root.resolve("system-tests/target/run-local");
		Files.createDirectories(work);
		Path output = work.resolve("run-local.out");
		ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("run-local.sh").toString(), "--smoke")
			.directory(root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().put("SHOP_LOCAL_DIR", work.resolve("local").toString());
		// Extra arguments reach every service and win over config-repo/ (a burst of 50
		// there).
		builder.environment().put("SHOP_SERVICE_ARGS", "--shop.gateway.rate-limit.api.burst-capacity=40");

		Process process = builder.start();
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
		assertThat(printed).as("SHOP_SERVICE_ARGS applied").contains("allows a burst of 40 requests");
		assertThat(PORTS).as("no service is left running").noneMatch(RunLocalScriptSystemTest::listening);
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
