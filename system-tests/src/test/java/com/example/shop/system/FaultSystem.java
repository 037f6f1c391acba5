package com.example.shop.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.shop.common.test.PostgresTestDatabase;

/**
 * A system of its own for a test class that breaks things: the five services, with a
 * {@link FaultProxy} between order-service and inventory-service (the gateway reaches
 * inventory directly), and order-service told to recover quickly so that a case settles
 * in seconds. Its timeouts stay the real ones.
 */
final class FaultSystem implements AutoCloseable {

	/**
	 * order-service's recovery, shortened: a reconciler pass every second for orders left
	 * alone 3 s (config-repo: 5 s, 10 s), an open circuit half-opens after 3 s (10 s).
	 * The connect and read timeouts (1 s, 2 s), the retries and the bulkhead stay as
	 * config-repo sets them.
	 */
	private static final String[] QUICK_RECOVERY = { "--orders.reconciler.interval=1s",
			"--orders.reconciler.min-age=3s", "--orders.inventory.circuit-breaker.wait-duration-in-open-state=3s" };

	/**
	 * On SIGTERM, order- and inventory-service answer their readiness probe with 503 for
	 * this long while they keep serving, before graceful shutdown (the docker profile
	 * sets 2 s).
	 */
	private static final String DRAIN_DELAY = "--shop.shutdown.drain-delay=1s";

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final FaultProxy proxy;

	private final ShopSystem system;

	private final Gateway gateway;

	private FaultSystem(String name, boolean embedded) {
		this.proxy = new FaultProxy();
		try {
			ShopSystem.Builder builder = ShopSystem.builder(name)
				.orderServiceReachesInventoryAt(this.proxy.url())
				.args("order", QUICK_RECOVERY)
				.args("order", DRAIN_DELAY)
				.args("inventory", DRAIN_DELAY);
			this.system = (embedded ? builder.embeddedDatabases() : builder).start();
		}
		catch (RuntimeException ex) {
			this.proxy.close();
			throw ex;
		}
		this.proxy.forwardTo(this.system.service("inventory").port());
		this.gateway = new Gateway(this.system.gatewayUrl());
	}

	/** On PostgreSQL, a fresh database per stateful service. */
	static FaultSystem onPostgres(String name) {
		return new FaultSystem(name, false);
	}

	/** On the embedded H2 files the services use by default. */
	static FaultSystem onEmbeddedDatabases(String name) {
		return new FaultSystem(name, true);
	}

	ShopSystem system() {
		return this.system;
	}

	FaultProxy proxy() {
		return this.proxy;
	}

	Gateway gateway() {
		return this.gateway;
	}

	ServiceProcess service(String name) {
		return this.system.service(name);
	}

	/** A fresh token of the demo client, which places and reads every order. */
	String token() {
		return this.gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "orders:read", "orders:write",
				"inventory:read", "inventory:write");
	}

	/**
	 * Starts a service again after it was killed or stopped; returns once it is ready.
	 */
	void restart(ServiceProcess service) {
		service.restart();
		service.awaitReady(READY_TIMEOUT);
	}

	/**
	 * The status of a service's readiness probe, or -1 if nothing answered.
	 */
	static int readiness(ServiceProcess service) {
		HttpRequest probe = HttpRequest.newBuilder(URI.create(service.url() + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(1))
			.build();
		try {
			return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Polls a service's readiness probe every 20 ms until its process exited (or the
	 * timeout passed); returns each change of the answer, with when it was seen.
	 */
	static List<Probe> readinessUntilExit(ServiceProcess service, Duration timeout) {
		List<Probe> seen = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (service.isAlive() && System.nanoTime() < deadline) {
			int status = readiness(service);
			if (seen.isEmpty() || seen.get(seen.size() - 1).status() != status) {
				seen.add(new Probe(status, System.nanoTime()));
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return seen;
	}

	/**
	 * An answer of a readiness probe.
	 *
	 * @param status the HTTP status, -1 if the connection was refused or nothing answered
	 * @param at when it was seen ({@link System#nanoTime()})
	 */
	record Probe(int status, long at) {

		boolean ready() {
			return this.status == 200;
		}

		@Override
		public String toString() {
			return (this.status == -1) ? "no answer" : String.valueOf(this.status);
		}

	}

	/**
	 * A connection to a service's PostgreSQL database ({@code orders},
	 * {@code inventory}).
	 */
	Connection connect(String database) throws SQLException {
		PostgresTestDatabase.Database db = this.system.database(database);
		return DriverManager.getConnection(db.url(), db.username(), db.password());
	}

	/**
	 * A connection to a service's embedded H2 file ({@code orders}, {@code inventory});
	 * only once the service stopped, as H2 locks its file.
	 */
	Connection connectEmbedded(String database) throws SQLException {
		String url = "jdbc:h2:file:" + this.system.dataDir().resolve(database)
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE";
		return DriverManager.getConnection(url, "sa", "");
	}

	/**
	 * Terminates every connection of a service to its PostgreSQL database
	 * ({@code pg_terminate_backend}), as a database failover or an operator would.
	 * @return how many were terminated
	 */
	int terminateDatabaseConnections(String database) throws SQLException {
		try (Connection connection = connect(database);
				PreparedStatement terminate = connection
					.prepareStatement("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
							+ " where datname = current_database() and pid <> pg_backend_pid()");
				ResultSet terminated = terminate.executeQuery()) {
			terminated.next();
			return terminated.getInt(1);
		}
	}

	@Override
	public void close() {
		try {
			this.system.close();
		}
		finally {
			this.proxy.close();
		}
	}

}
