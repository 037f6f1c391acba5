package com.example.shop.order.config;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.common.test.UseTestJwtIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /actuator/refresh} over real HTTP with real tokens: only the ops scope may
 * refresh, a refresh reloads a changed source (here: log levels, which Spring Cloud's
 * LoggingRebinder applies), and with the bus off the service stays UP with no broker.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UseTestJwtIssuer
class RefreshEndpointTests {

	private static final String PROBE_LOGGER = "com.example.shop.refresh.probe";

	private static final Path settings = writeSettings(level("INFO"));

	private static final int CLOSED_PORT = closedPort();

	static {
		// A system property, not a test property: the refresh rebuilds the environment
		// from
		// the system properties and the config files, as it does in production.
		System.setProperty("spring.config.import", "optional:file:" + settings);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void liveSettingsAndNoBroker(DynamicPropertyRegistry registry) {
		// Nothing listens there: any connection attempt to a broker would fail (and
		// health would go DOWN).
		registry.add("spring.rabbitmq.port", () -> CLOSED_PORT);
	}

	@AfterAll
	static void deleteSettings() throws IOException {
		System.clearProperty("spring.config.import");
		Files.deleteIfExists(settings);
	}

	@Test
	void refreshesLogLevelsFromAChangedSource() {
		assertThat(LoggerFactory.getLogger(PROBE_LOGGER).isDebugEnabled()).isFalse();
		writeSettings(level("DEBUG"));

		ResponseEntity<String> refreshed = refresh(TestJwtIssuer.shared().token("operator", "ops"));

		assertThat(refreshed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(refreshed.getBody()).contains("logging.level." + PROBE_LOGGER);
		assertThat(LoggerFactory.getLogger(PROBE_LOGGER).isDebugEnabled()).isTrue();
		writeSettings(level("INFO"));
		refresh(TestJwtIssuer.shared().token("operator", "ops"));
		assertThat(LoggerFactory.getLogger(PROBE_LOGGER).isDebugEnabled()).isFalse();
	}

	@Test
	void appliesANewLimitOfLinesToTheNextOrderAndRefusesAnInvalidOne() {
		String ops = TestJwtIssuer.shared().token("operator", "ops");
		writeSettings("orders.max-lines: 2\n");
		refresh(ops);

		ResponseEntity<String> tooLong = placeThreeLines();

		assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(tooLong.getBody()).contains("at most 2 lines");

		writeSettings("orders.max-lines: 0\n");
		refresh(ops);

		assertThat(placeThreeLines().getBody()).contains("at most 2 lines");

		writeSettings("orders.max-lines: 3\n");
		refresh(ops);
		assertThat(placeThreeLines().getBody()).doesNotContain("at most");
		writeSettings("orders.max-lines: 50\n");
		refresh(ops);
	}

	@Test
	void appliesNewInventoryClientSettingsWithoutARestart() {
		String ops = TestJwtIssuer.shared().token("operator", "ops");
		RetryRegistry retries = this.context.getBean(RetryRegistry.class);
		assertThat(retries.retry("inventory").getRetryConfig().getMaxAttempts()).isEqualTo(3);
		writeSettings("orders.inventory.retry.max-attempts: 2\n");

		ResponseEntity<String> refreshed = refresh(ops);

		assertThat(refreshed.getBody()).contains("orders.inventory.retry.max-attempts");
		assertThat(retries.retry("inventory").getRetryConfig().getMaxAttempts()).isEqualTo(2);
		writeSettings("orders.max-lines: 50\n");
		refresh(ops);
		assertThat(retries.retry("inventory").getRetryConfig().getMaxAttempts()).isEqualTo(3);
	}

	private ResponseEntity<String> placeThreeLines() {
		return client().post()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(TestJwtIssuer.shared().token("client-a", "orders:write")))
			.header("Idempotency-Key", "live-" + System.nanoTime())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"lines\":[{\"sku\":\"L-1\",\"quantity\":1},{\"sku\":\"L-2\",\"quantity\":1},"
					+ "{\"sku\":\"L-3\",\"quantity\":1}]}")
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
	}

	@Test
	void refusesARefreshWithoutTheOpsScope() {
		ResponseEntity<String> anonymous = refresh(null);
		ResponseEntity<String> customer = refresh(TestJwtIssuer.shared().token("demo-client", "orders:write"));

		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
		assertThat(customer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(customer.getHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
	}

	@Test
	void staysUpWithTheBusOffAndNoBroker() {
		ResponseEntity<String> health = client().get().uri("/actuator/health").retrieve().toEntity(String.class);

		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).contains("\"UP\"");
		assertThat(this.context.getBeanNamesForType(org.springframework.cloud.bus.endpoint.RefreshBusEndpoint.class))
			.isEmpty();
	}

	private ResponseEntity<String> refresh(String token) {
		return client().post().uri("/actuator/refresh").headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).retrieve().onStatus((status) -> true, (request, response) -> {
		}).toEntity(String.class);
	}

	private RestClient client() {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.ALL_VALUE)
			.build();
	}

	private static String level(String level) {
		return "logging.level." + PROBE_LOGGER + ": " + level + "\n";
	}

	private static Path writeSettings(String yaml) {
		try {
			Path file = (settings != null) ? settings : Files.createTempFile("order-live-", ".yml");
			Files.writeString(file, yaml);
			return file;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
