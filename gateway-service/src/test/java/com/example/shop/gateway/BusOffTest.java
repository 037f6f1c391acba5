package com.example.shop.gateway;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as it starts by default, with the bus off, and RabbitMQ settings that point
 * at a port where nothing listens: nothing of RabbitMQ or the bus in the context, and the
 * health UP.
 */
@TestPropertySource(properties = "spring.rabbitmq.host=127.0.0.1")
class BusOffTest extends GatewayTestSupport {

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void closedRabbitPort(DynamicPropertyRegistry registry) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		registry.add("spring.rabbitmq.port", () -> closedPort);
	}

	@Test
	void startsWithoutTheBusOrRabbitAndStaysHealthy() {
		assertThat(this.context.getBeanNamesForType(org.springframework.amqp.rabbit.connection.ConnectionFactory.class))
			.isEmpty();
		assertThat(this.context.getBeanNamesForType(org.springframework.cloud.bus.BusProperties.class)).isEmpty();

		this.client.get()
			.uri("/actuator/health")
			.header(HttpHeaders.AUTHORIZATION, bearer("ops"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.rabbit")
			.doesNotExist()
			.jsonPath("$.components.binders")
			.doesNotExist();
		this.client.post()
			.uri("/actuator/busrefresh")
			.header(HttpHeaders.AUTHORIZATION, bearer("ops"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

}
