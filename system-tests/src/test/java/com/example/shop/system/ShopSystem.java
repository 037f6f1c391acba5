package com.example.shop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import com.example.shop.common.test.PostgresTestDatabase;

/**
 * The whole system as separate JVMs started from the packaged jars: config-service on a
 * copy of {@code config-repo/}, then auth-, inventory-, order- and gateway-service, each
 * on a free port, the two stateful services on fresh PostgreSQL databases. Started once
 * for all test classes that use this extension and stopped when the test run ends.
 */
final class ShopSystem implements AutoCloseable {

	static final String DEMO_CLIENT = "demo-client";

	static final String DEMO_SECRET = "demo-secret";

	static final String SECOND_CLIENT = "second-client";

	static final String SECOND_SECRET = "second-secret";

	/**
	 * The system runs on a copy of {@code config-repo/} in which {@code orders.max-lines}
	 * is changed to this value (neither the real file's nor the code default), so that a
	 * test can prove the setting travels from the repository through config-service into
	 * order-service.
	 */
	static final int MAX_LINES_IN_CONFIG_COPY = 7;

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private final List<ServiceProcess> services = new ArrayList<>();

	private final String gatewayUrl;

	private final String opsClientSecret = UUID.randomUUID().toString();

	private final Map<String, String> urls;

	private ShopSystem() {
		Path root = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();
		Path work = root.resolve("system-tests/target/system");
		Path configRepo = copyConfigRepo(root.resolve("config-repo"), work.resolve("config-repo"));
		Path logs = work.resolve("logs");

		int configPort = freePort();
		int authPort = freePort();
		int inventoryPort = freePort();
		int orderPort = freePort();
		int gatewayPort = freePort();
		String authUrl = "http://localhost:" + authPort;
		this.gatewayUrl = "http://localhost:" + gatewayPort;
		this.urls = Map.of("config", "http://localhost:" + configPort, "auth", authUrl, "inventory",
				"http://localhost:" + inventoryPort, "order", "http://localhost:" + orderPort, "gateway",
				this.gatewayUrl);

		Map<String, String> environment = Map.of("CONFIG_SERVER_URL", this.urls.get("config"),
				"ORDER_SERVICE_CLIENT_SECRET", UUID.randomUUID().toString(), "OPS_CLIENT_SECRET", this.opsClientSecret);
		List<String> shared = List.of("--shop.auth.issuer=" + authUrl, "--shop.auth.url=" + authUrl,
				"--shop.services.order-url=" + this.urls.get("order"),
				"--shop.services.inventory-url=" + this.urls.get("inventory"),
				"--shop.data-dir=" + work.resolve("data"));
		try {
			ServiceProcess config = start(root, "config-service", configPort, environment,
					List.of("--spring.cloud.config.server.native.search-locations=file:" + configRepo + "/"), logs);
			config.awaitReady(STARTUP_TIMEOUT);
			start(root, "auth-service", authPort, environment, shared, logs);
			start(root, "inventory-service", inventoryPort, environment, with(shared, datasource("inventory")), logs);
			start(root, "order-service", orderPort, environment, with(shared, datasource("orders")), logs);
			start(root, "gateway-service", gatewayPort, environment, shared, logs);
			this.services.forEach((service) -> service.awaitReady(STARTUP_TIMEOUT));
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/** The public entry every test talks to. */
	String gatewayUrl() {
		return this.gatewayUrl;
	}

	/**
	 * The secret of {@code ops-client} in this run (generated, as the local run does).
	 */
	String opsClientSecret() {
		return this.opsClientSecret;
	}

	/**
	 * A service's own URL, for what only operators reach (actuator), never for the API.
	 */
	String url(String service) {
		return this.urls.get(service);
	}

	private ServiceProcess start(Path root, String name, int port, Map<String, String> environment, List<String> args,
			Path logs) {
		Path jar = root.resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT.jar");
		ServiceProcess service = ServiceProcess.start(name, jar, port, environment, args, logs);
		this.services.add(service);
		return service;
	}

	private static List<String> datasource(String prefix) {
		PostgresTestDatabase.Database database = PostgresTestDatabase.create("system_" + prefix);
		return List.of("--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password());
	}

	private static List<String> with(List<String> first, List<String> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

	private static Path copyConfigRepo(Path source, Path target) {
		try {
			if (Files.exists(target)) {
				try (Stream<Path> old = Files.walk(target)) {
					old.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
				}
			}
			Files.createDirectories(target);
			try (Stream<Path> files = Files.list(source)) {
				for (Path file : files.toList()) {
					Files.copy(file, target.resolve(file.getFileName()));
				}
			}
			Path orderService = target.resolve("order-service.yml");
			String original = Files.readString(orderService);
			String changed = original.replaceFirst("max-lines:\\s*\\d+", "max-lines: " + MAX_LINES_IN_CONFIG_COPY);
			if (changed.equals(original)) {
				throw new IllegalStateException("config-repo/order-service.yml no longer sets orders.max-lines");
			}
			Files.writeString(orderService, changed);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		List<ServiceProcess> reversed = new ArrayList<>(this.services);
		java.util.Collections.reverse(reversed);
		reversed.forEach(ServiceProcess::close);
	}

	/**
	 * Starts the system before the first test class that needs it and stops it when the
	 * whole run ends.
	 */
	static final class Extension implements BeforeAllCallback, ParameterResolver {

		@Override
		public void beforeAll(ExtensionContext context) {
			system(context);
		}

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			Class<?> type = parameter.getParameter().getType();
			return type == ShopSystem.class || type == Gateway.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			ShopSystem system = system(context);
			return (parameter.getParameter().getType() == Gateway.class) ? new Gateway(system.gatewayUrl()) : system;
		}

		private static ShopSystem system(ExtensionContext context) {
			return context.getRoot()
				.getStore(ExtensionContext.Namespace.GLOBAL)
				.computeIfAbsent(ShopSystem.class, (key) -> new ShopSystem(), ShopSystem.class);
		}

	}

}
