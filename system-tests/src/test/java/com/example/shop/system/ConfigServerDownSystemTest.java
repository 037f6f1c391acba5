package com.example.shop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged services when config-service does not answer at start. With the docker
 * profile (each service's {@code application.yml}: fail fast, a few attempts) the service
 * exits non-zero within a minute, naming config-service's URL, so that the orchestrator
 * restarts it rather than letting it run on settings it was not meant to have. (Without
 * the profile, the local run, a service starts on its packaged settings and says so once:
 * {@code PackagedDefaultsNoticeTests} in common-lib, with a real config client.)
 */
class ConfigServerDownSystemTest {

	/** The docker profile's six attempts, four services starting at once on two cores. */
	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);

	private final Path root = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

	private final Path work = this.root.resolve("system-tests/target/config-server-down");

	/**
	 * The variables the services read in docker (compose's, with dummy values) but
	 * neither SPRING_CLOUD_CONFIG_FAIL_FAST nor a database: failing fast is the profile's
	 * job, and the service must fail at the config import, before it needs anything else.
	 */
	private static Map<String, String> dockerEnvironment(String configServerUrl) {
		return Map.of("SPRING_PROFILES_ACTIVE", "docker", "CONFIG_SERVER_URL", configServerUrl,
				"CONFIG_SERVER_USERNAME", "config-client", "CONFIG_SERVER_PASSWORD", UUID.randomUUID().toString(),
				"ORDER_SERVICE_CLIENT_SECRET", UUID.randomUUID().toString(), "OPS_CLIENT_SECRET",
				UUID.randomUUID().toString(), "RABBITMQ_USERNAME", "shop", "RABBITMQ_PASSWORD",
				UUID.randomUUID().toString(), "REDIS_PASSWORD", UUID.randomUUID().toString());
	}

	/**
	 * All four at once (their attempts mostly wait), each with a config-service URL of
	 * its own.
	 */
	@Test
	void withTheDockerProfileEveryServiceExitsWhenConfigServiceDoesNotAnswer() {
		Map<String, String> urls = new LinkedHashMap<>();
		List<ServiceProcess> services = new ArrayList<>();
		try {
			for (String name : List.of("order", "inventory", "auth", "gateway")) {
				String configServerUrl = "http://127.0.0.1:" + freePort();
				urls.put(name, configServerUrl);
				services.add(ServiceProcess.start(name + "-service", jar(name), freePort(),
						dockerEnvironment(configServerUrl), List.of(), this.work.resolve("logs")));
			}
			for (ServiceProcess service : services) {
				awaitExit(service);
			}
			for (ServiceProcess service : services) {
				String name = service.name().replace("-service", "");
				assertThat(service.exitValue()).as(service.logTail()).isNotZero();
				assertThat(service.log()).as(service.name() + " names config-service's URL")
					.contains(urls.get(name) + "/" + service.name() + "/docker");
				assertThat(service.log()).as(service.name() + " never started").doesNotContain("Started ");
			}
		}
		finally {
			services.forEach(ServiceProcess::close);
		}
	}

	private static void awaitExit(ServiceProcess service) {
		try {
			Awaitility.await(service.name() + " exits")
				.atMost(EXIT_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.until(() -> !service.isAlive());
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(service.name() + " still runs " + EXIT_TIMEOUT
					+ " after it started without config-service:\n" + service.logTail(), ex);
		}
	}

	private Path jar(String name) {
		String service = name + "-service";
		return this.root.resolve(service).resolve("target").resolve(service + "-0.1.0-SNAPSHOT.jar");
	}

	/**
	 * A port of 127.0.0.1 on which nothing listens now: a config server URL on it refuses
	 * connections at once, a service may listen on it.
	 */
	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
