package com.example.shop.common.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Creates a fresh, uniquely named PostgreSQL database and drops it when the JVM exits.
 * <p>
 * The server is found in this order:
 * <ol>
 * <li>{@code SHOP_TEST_POSTGRES_URL} (JDBC URL of an admin database), with
 * {@code SHOP_TEST_POSTGRES_USERNAME} and {@code SHOP_TEST_POSTGRES_PASSWORD}, as
 * environment variables or system properties;</li>
 * <li>a Testcontainers PostgreSQL when a Docker engine is configured
 * ({@code DOCKER_HOST}, a Docker socket, or {@code ~/.testcontainers.properties}) and
 * answers, from the image {@code SHOP_TEST_POSTGRES_IMAGE} (default
 * {@value #DEFAULT_IMAGE}; a local image that behaves like the public one, such as the
 * stand-in {@code docker/standins/build} makes, may take its place);</li>
 * <li>the local server on {@code 127.0.0.1:5432} as user {@code postgres}.</li>
 * </ol>
 * When none answers the test fails with a message that says what was tried: it never
 * passes against a stand-in.
 */
public final class PostgresTestDatabase {

	private static final Log logger = LogFactory.getLog(PostgresTestDatabase.class);

	/** The public image Testcontainers starts unless told otherwise. */
	public static final String DEFAULT_IMAGE = "postgres:17";

	private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private static @Nullable Server server;

	private PostgresTestDatabase() {
	}

	/**
	 * Creates a new database.
	 * @param prefix the start of its name, usually the service name
	 * @return how to connect to it
	 */
	public static Database create(String prefix) {
		Server server = server();
		String name = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_test_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12))
			.toLowerCase(Locale.ROOT);
		server.execute("CREATE DATABASE " + name);
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
		return new Database(server.urlFor(name), server.username(), server.password(), server.origin());
	}

	private static synchronized Server server() {
		if (server == null) {
			server = findServer();
			// Said once per JVM, so that a build log shows these tests ran on a real
			// server and which one.
			logger.info("PostgreSQL for tests: " + server.adminUrl() + " (" + server.origin() + ")");
		}
		return server;
	}

	private static Server findServer() {
		String url = setting("SHOP_TEST_POSTGRES_URL");
		if (url != null) {
			String username = setting("SHOP_TEST_POSTGRES_USERNAME");
			String password = setting("SHOP_TEST_POSTGRES_PASSWORD");
			return connectOrFail(new Server(url, (username != null) ? username : "postgres",
					(password != null) ? password : "", "SHOP_TEST_POSTGRES_URL"));
		}
		if (dockerAvailable()) {
			String image = (setting("SHOP_TEST_POSTGRES_IMAGE") != null) ? setting("SHOP_TEST_POSTGRES_IMAGE")
					: DEFAULT_IMAGE;
			PostgreSQLContainer container = new PostgreSQLContainer(
					DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
			container.start();
			// Where Ryuk (Testcontainers' reaper) cannot run, nothing else removes the
			// container when this JVM ends.
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return connectOrFail(new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"Testcontainers, image " + image));
		}
		return connectOrFail(new Server(LOCAL_URL, "postgres", "", "local server"));
	}

	private static boolean dockerAvailable() {
		if (!dockerConfigured()) {
			// Asking Testcontainers would only log a scary error after probing every
			// strategy.
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static boolean dockerConfigured() {
		String home = System.getProperty("user.home");
		String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
		return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
				|| Files.exists(Path.of(home, ".testcontainers.properties"))
				|| (runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock")));
	}

	private static Server connectOrFail(Server server) {
		try (Connection connection = server.connect()) {
			return server;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("These tests need PostgreSQL and none answered at " + server.adminUrl()
					+ " (" + server.origin() + "). Start a local server on 127.0.0.1:5432 with user postgres, "
					+ "run a Docker engine for Testcontainers, or set SHOP_TEST_POSTGRES_URL.", ex);
		}
	}

	private static @Nullable String setting(String name) {
		String value = System.getProperty(name);
		return (value != null && !value.isBlank()) ? value
				: (System.getenv(name) != null && !System.getenv(name).isBlank()) ? System.getenv(name) : null;
	}

	/**
	 * A database created for a test.
	 *
	 * @param url the JDBC URL
	 * @param username the user
	 * @param password the password
	 * @param origin where the server came from, for logs
	 */
	public record Database(String url, String username, String password, String origin) {
	}

	private record Server(String adminUrl, String username, String password, String origin) {

		Connection connect() throws SQLException {
			return DriverManager.getConnection(this.adminUrl, this.username, this.password);
		}

		void execute(String sql) {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not run '" + sql + "' on " + this.adminUrl, ex);
			}
		}

		String urlFor(String database) {
			int slash = this.adminUrl.lastIndexOf('/');
			int query = this.adminUrl.indexOf('?', slash);
			return this.adminUrl.substring(0, slash + 1) + database
					+ ((query >= 0) ? this.adminUrl.substring(query) : "");
		}

	}

}
