package com.example.shop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import com.example.shop.common.test.PostgresTestDatabase;
import com.example.shop.common.test.TestBus;

/**
 * The whole system as separate JVMs started from the packaged jars: config-service on a
 * copy of {@code config-repo/}, then auth-, inventory-, order- and gateway-service, each
 * on a free port, the two stateful services on fresh PostgreSQL databases (or, if asked,
 * on the embedded H2 files they use by default). The {@link Extension} starts one for all
 * test classes that use it and stops it when the test run ends; a test class that breaks
 * services on purpose builds its own with {@link #builder(String)}.
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

	/**
	 * The gateway's rate limits per client and of the login form per address, lifted far
	 * above what any test sends: the tests place hundreds of orders a second from one
	 * client on purpose, and sign in many times from the same address.
	 */
	private static final List<String> GATEWAY_RATE_LIMIT_LIFTED = List.of(
			"--shop.gateway.rate-limit.api.replenish-rate=10000", "--shop.gateway.rate-limit.api.burst-capacity=10000",
			"--shop.gateway.rate-limit.login.replenish-rate=10000",
			"--shop.gateway.rate-limit.login.burst-capacity=10000");

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	private final List<ServiceProcess> extraInstances = new ArrayList<>();

	private final Map<String, List<String>> args = new LinkedHashMap<>();

	private final Map<String, PostgresTestDatabase.Database> databases = new LinkedHashMap<>();

	private final Map<String, String> environment;

	private final Path root;

	private final Path work;

	private final String gatewayUrl;

	private final String opsClientSecret = UUID.randomUUID().toString();

	private final String configAdminPassword = UUID.randomUUID().toString();

	private final Path configRepo;

	private final int configPort;

	private final @Nullable TestBus bus;

	private final Map<String, String> urls;

	private ShopSystem(Builder builder) {
		this.root = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();
		this.work = this.root.resolve("system-tests/target").resolve(builder.name);
		this.configRepo = copyConfigRepo(this.root.resolve("config-repo"), this.work.resolve("config-repo"));
		Path data = this.work.resolve("data");
		deleteRecursively(data);

		this.configPort = ListeningSockets.freePort();
		int configPort = this.configPort;
		int authPort = ListeningSockets.freePort();
		int inventoryPort = ListeningSockets.freePort();
		int orderPort = ListeningSockets.freePort();
		int gatewayPort = ListeningSockets.freePort();
		String authUrl = "http://localhost:" + authPort;
		String inventoryUrl = "http://localhost:" + inventoryPort;
		this.gatewayUrl = "http://localhost:" + gatewayPort;
		this.urls = Map.of("config", "http://localhost:" + configPort, "auth", authUrl, "inventory", inventoryUrl,
				"order", "http://localhost:" + orderPort, "gateway", this.gatewayUrl);

		Map<String, String> environment = new LinkedHashMap<>(Map.of("CONFIG_SERVER_URL", this.urls.get("config"),
				"ORDER_SERVICE_CLIENT_SECRET", UUID.randomUUID().toString(), "OPS_CLIENT_SECRET", this.opsClientSecret,
				"CONFIG_SERVER_PASSWORD", UUID.randomUUID().toString(), "CONFIG_ADMIN_PASSWORD",
				this.configAdminPassword, "ENCRYPT_KEY", UUID.randomUUID().toString()));
		// Spring Cloud Bus over the machine's RabbitMQ, on an exchange of this system's
		// own, so that other runs on the same broker neither send to nor hear from it.
		this.bus = builder.bus ? TestBus.start() : null;
		if (this.bus != null) {
			environment.putAll(this.bus.environment());
		}
		this.environment = Map.copyOf(environment);
		List<String> shared = List.of("--shop.auth.issuer=" + this.gatewayUrl, "--shop.auth.url=" + authUrl,
				"--shop.services.order-url=" + this.urls.get("order"), "--shop.data-dir=" + data);
		List<String> inventoryForAll = List.of("--shop.services.inventory-url=" + inventoryUrl);
		List<String> inventoryForOrders = List
			.of("--shop.services.inventory-url=" + builder.orderServiceInventoryUrl.orElse(inventoryUrl));
		this.args.put("config",
				List.of("--spring.cloud.config.server.native.search-locations=file:" + this.configRepo + "/"));
		this.args.put("auth", with(shared, inventoryForAll));
		this.args.put("inventory", with(shared, inventoryForAll, datasource(builder, "inventory")));
		this.args.put("order", with(shared, inventoryForOrders, datasource(builder, "orders")));
		this.args.put("gateway", with(shared, inventoryForAll, GATEWAY_RATE_LIMIT_LIFTED));
		builder.extraArgs.forEach((service, extra) -> this.args.merge(service, extra, ShopSystem::with));
		try {
			start("config", configPort).awaitReady(STARTUP_TIMEOUT);
			start("auth", authPort);
			start("inventory", inventoryPort);
			start("order", orderPort);
			start("gateway", gatewayPort);
			this.services.values().forEach((service) -> service.awaitReady(STARTUP_TIMEOUT));
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * A system of its own, its files under {@code system-tests/target/<name>}.
	 */
	static Builder builder(String name) {
		return new Builder(name);
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

	/** The password of config-service's operator, {@code config-admin}. */
	String configAdminPassword() {
		return this.configAdminPassword;
	}

	/** The copy of {@code config-repo/} that config-service serves (native backend). */
	Path configRepo() {
		return this.configRepo;
	}

	/**
	 * The RabbitMQ exchange of this system's Spring Cloud Bus; fails on a system without
	 * the bus.
	 */
	String busDestination() {
		if (this.bus == null) {
			throw new IllegalStateException("This system runs without Spring Cloud Bus");
		}
		return this.bus.destination();
	}

	/**
	 * Stops config-service and starts it again on the same port with other arguments (a
	 * git backend, say) and the same environment; waits until it is ready.
	 */
	ServiceProcess replaceConfigService(String name, List<String> args) {
		service("config").close();
		ServiceProcess replacement = ServiceProcess.start(name, jar("config"), this.configPort, this.environment, args,
				this.work.resolve("logs"));
		this.services.put("config", replacement);
		replacement.awaitReady(STARTUP_TIMEOUT);
		return replacement;
	}

	/**
	 * Stops a service and starts it again on the same port with its arguments plus more
	 * (another signing key, say); waits until it is ready. Its log goes to
	 * {@code <service>-restarted.log}.
	 */
	ServiceProcess restart(String name, List<String> extraArgs) {
		service(name).close();
		ServiceProcess restarted = ServiceProcess.start(name + "-service-restarted", jar(name),
				URI.create(this.urls.get(name)).getPort(), this.environment, with(this.args.get(name), extraArgs),
				this.work.resolve("logs"));
		this.services.put(name, restarted);
		restarted.awaitReady(STARTUP_TIMEOUT);
		return restarted;
	}

	/** The project's root folder (README.md, config-repo/, the services' folders). */
	Path root() {
		return this.root;
	}

	/**
	 * A service's own URL, for what only operators reach (actuator), never for the API.
	 */
	String url(String service) {
		return this.urls.get(service);
	}

	/**
	 * One service of the system ({@code config}, {@code auth}, {@code inventory},
	 * {@code order}, {@code gateway}), to stop, kill or restart it.
	 */
	ServiceProcess service(String name) {
		ServiceProcess service = this.services.get(name);
		if (service == null) {
			throw new IllegalArgumentException("No service " + name + " in " + this.services.keySet());
		}
		return service;
	}

	/**
	 * Starts another instance of a service on a port of its own, with the same settings
	 * and database; stopped with the system. Does not wait for it to be ready.
	 */
	ServiceProcess startAnotherInstance(String name) {
		return startAnotherInstance(name, List.of());
	}

	/**
	 * Starts another instance of a service like {@link #startAnotherInstance(String)},
	 * with some of its settings replaced: each {@code --name=value} of {@code overrides}
	 * takes the place of the argument of the same name, or is added.
	 */
	ServiceProcess startAnotherInstance(String name, List<String> overrides) {
		String instance = name + "-" + (this.extraInstances.size() + 2);
		List<String> replaced = overrides.stream().map(ShopSystem::argumentName).toList();
		List<String> args = with(
				this.args.get(name).stream().filter((arg) -> !replaced.contains(argumentName(arg))).toList(),
				overrides);
		ServiceProcess service = ServiceProcess.start(instance, jar(name), ListeningSockets.freePort(),
				this.environment, args, this.work.resolve("logs"));
		this.extraInstances.add(service);
		return service;
	}

	private static String argumentName(String arg) {
		int equals = arg.indexOf('=');
		return (equals < 0) ? arg : arg.substring(0, equals);
	}

	/**
	 * The PostgreSQL database of {@code inventory} or {@code orders}, for checks that the
	 * API cannot make; fails on a system that runs on the embedded databases.
	 */
	PostgresTestDatabase.Database database(String name) {
		PostgresTestDatabase.Database database = this.databases.get(name);
		if (database == null) {
			throw new IllegalStateException("No PostgreSQL database " + name + ": the system runs on embedded ones");
		}
		return database;
	}

	/** Where every service's log is ({@code <service>.log}). */
	Path logDir() {
		return this.work.resolve("logs");
	}

	/**
	 * A secret of this run from the services' environment
	 * ({@code ORDER_SERVICE_CLIENT_SECRET}, {@code CONFIG_SERVER_PASSWORD}, ...).
	 */
	String secret(String name) {
		String value = this.environment.get(name);
		if (value == null) {
			throw new IllegalArgumentException("No secret " + name + " in " + this.environment.keySet());
		}
		return value;
	}

	/** Where the services keep their files (the embedded databases among them). */
	Path dataDir() {
		return this.work.resolve("data");
	}

	private ServiceProcess start(String name, int port) {
		ServiceProcess service = ServiceProcess.start(name + "-service", jar(name), port, this.environment,
				this.args.get(name), this.work.resolve("logs"));
		this.services.put(name, service);
		return service;
	}

	private Path jar(String name) {
		String service = name + "-service";
		return this.root.resolve(service).resolve("target").resolve(service + "-0.1.0-SNAPSHOT.jar");
	}

	private List<String> datasource(Builder builder, String name) {
		if (builder.embeddedDatabases) {
			return List.of();
		}
		PostgresTestDatabase.Database database = PostgresTestDatabase.create("system_" + name);
		this.databases.put(name, database);
		return List.of("--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password());
	}

	@SafeVarargs
	private static List<String> with(List<String>... lists) {
		return Stream.of(lists).flatMap(List::stream).toList();
	}

	static void deleteRecursively(Path path) {
		if (Files.exists(path)) {
			try (Stream<Path> old = Files.walk(path)) {
				old.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static Path copyConfigRepo(Path source, Path target) {
		try {
			deleteRecursively(target);
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

	@Override
	public void close() {
		List<ServiceProcess> reversed = new ArrayList<>(this.services.values());
		reversed.addAll(this.extraInstances);
		Collections.reverse(reversed);
		reversed.forEach(ServiceProcess::close);
		if (this.bus != null) {
			// The bus's exchange on the shared broker (its queues, one per instance, went
			// with the instances).
			this.bus.close();
		}
	}

	/** What a system of its own differs in. */
	static final class Builder {

		private final String name;

		private boolean embeddedDatabases;

		private boolean bus;

		private Optional<String> orderServiceInventoryUrl = Optional.empty();

		private final Map<String, List<String>> extraArgs = new LinkedHashMap<>();

		private Builder(String name) {
			this.name = name;
		}

		/**
		 * inventory- and order-service on their default embedded H2 file databases (in
		 * {@link ShopSystem#dataDir()}) instead of PostgreSQL.
		 */
		Builder embeddedDatabases() {
			this.embeddedDatabases = true;
			return this;
		}

		/**
		 * order-service calls inventory-service at this URL (a proxy in front of it, for
		 * example); the gateway still calls it directly.
		 */
		Builder orderServiceReachesInventoryAt(String url) {
			this.orderServiceInventoryUrl = Optional.of(url);
			return this;
		}

		/**
		 * Spring Cloud Bus on in every service, over the RabbitMQ on 127.0.0.1:5672
		 * (guest/guest), on an exchange of this system's own.
		 */
		Builder bus() {
			this.bus = true;
			return this;
		}

		/** More command-line arguments for one service ({@code order}, ...). */
		Builder args(String service, String... args) {
			this.extraArgs.merge(service, List.of(args), ShopSystem::with);
			return this;
		}

		ShopSystem start() {
			return new ShopSystem(this);
		}

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
				.computeIfAbsent(ShopSystem.class, (key) -> builder("system").start(), ShopSystem.class);
		}

	}

}
