package com.example.shop.config;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the bus off (the default) the server never talks to a broker: a "broker" that only
 * counts the connections made to it sees none, and health stays UP although it does not
 * speak AMQP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BusOffTests {

	private static final AtomicInteger connections = new AtomicInteger();

	private static ServerSocket broker;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void brokerThatCountsConnections(DynamicPropertyRegistry registry) throws IOException {
		broker = new ServerSocket(0);
		Thread accepting = new Thread(() -> {
			while (!broker.isClosed()) {
				try (Socket socket = broker.accept()) {
					connections.incrementAndGet();
				}
				catch (SocketException ex) {
					return;
				}
				catch (IOException ex) {
					// keep counting
				}
			}
		}, "broker-that-counts");
		accepting.setDaemon(true);
		accepting.start();
		registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
		registry.add("spring.rabbitmq.port", broker::getLocalPort);
	}

	@AfterAll
	static void closeBroker() throws IOException {
		broker.close();
	}

	@Test
	void startsServesAndStaysHealthyWithoutEverConnectingToTheBroker() {
		ConfigEnvironment environment = ConfigEnvironment.fetch(TestUsers.CLIENT.client(this.port), "order-service",
				"default");
		String health = TestUsers.OPERATOR.client(this.port)
			.get()
			.uri("/actuator/health")
			.retrieve()
			.body(String.class);
		int busRefresh = TestUsers.OPERATOR.client(this.port)
			.post()
			.uri("/actuator/busrefresh")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();

		assertThat(environment.text("orders.max-lines")).isEqualTo("10");
		assertThat(health).startsWith("{").contains("\"status\":\"UP\"").doesNotContain("rabbit");
		assertThat(busRefresh).as("no bus, no busrefresh endpoint").isBetween(404, 405);
		assertThat(connections).as("connections made to the broker").hasValue(0);
	}

}
