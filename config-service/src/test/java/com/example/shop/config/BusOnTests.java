package com.example.shop.config;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the bus on, the operator's {@code POST /actuator/busrefresh} and a git webhook on
 * {@code POST /monitor} put refresh events on the broker (the RabbitMQ on
 * 127.0.0.1:5672), read here from a queue of the test's own bound to the bus exchange.
 */
// Set through system properties, which the context cache does not see: no other test
// class may reuse this context, and none of this class's may be reused.
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BusOnTests {

	private static final String DESTINATION = "shop-bus-" + UUID.randomUUID();

	private static CachingConnectionFactory connectionFactory;

	private static RabbitAdmin admin;

	@LocalServerPort
	int port;

	private Queue queue;

	@BeforeAll
	static void connect() {
		// System properties, like the SPRING_CLOUD_BUS_* variables they stand for: the
		// bus
		// names its bindings while the environment is prepared, before a test's dynamic
		// properties exist.
		System.setProperty("spring.cloud.bus.enabled", "true");
		System.setProperty("spring.cloud.bus.destination", DESTINATION);
		System.setProperty("spring.rabbitmq.host", "127.0.0.1");
		System.setProperty("spring.rabbitmq.port", "5672");
		connectionFactory = new CachingConnectionFactory("127.0.0.1", 5672);
		connectionFactory.setUsername("guest");
		connectionFactory.setPassword("guest");
		admin = new RabbitAdmin(connectionFactory);
	}

	@AfterAll
	static void deleteExchangeAndDisconnect() {
		for (String name : new String[] { "spring.cloud.bus.enabled", "spring.cloud.bus.destination",
				"spring.rabbitmq.host", "spring.rabbitmq.port" }) {
			System.clearProperty(name);
		}
		admin.deleteExchange(DESTINATION);
		connectionFactory.destroy();
	}

	@BeforeEach
	void listenToTheBus() {
		// Same declaration as the binder's (a durable topic exchange), so either may come
		// first.
		TopicExchange exchange = new TopicExchange(DESTINATION, true, false);
		admin.declareExchange(exchange);
		this.queue = new AnonymousQueue();
		// RabbitMQ before 3.12 refuses this argument on classic queues
		// (common-lib's ConfigClientAutoConfiguration).
		this.queue.setLeaderLocator(null);
		admin.declareQueue(this.queue);
		Binding binding = BindingBuilder.bind(this.queue).to(exchange).with("#");
		admin.declareBinding(binding);
	}

	@AfterEach
	void deleteQueue() {
		admin.deleteQueue(this.queue.getName());
	}

	@Test
	void busRefreshPutsARefreshEventForEveryServiceOnTheBus() {
		assertThat(post(TestUsers.ANONYMOUS, "/actuator/busrefresh")).isEqualTo(401);
		assertThat(post(TestUsers.CLIENT, "/actuator/busrefresh")).isEqualTo(403);

		assertThat(post(TestUsers.OPERATOR, "/actuator/busrefresh")).isEqualTo(204);

		String event = nextEvent();
		assertThat(event).contains("\"type\":\"RefreshRemoteApplicationEvent\"")
			.contains("\"destinationService\":\"**\"");
	}

	@Test
	void aGithubPushThatChangesOrderServiceSettingsPutsARefreshEventForOrderServiceOnTheBus() {
		String push = """
				{"ref":"refs/heads/main","commits":[{"id":"1","added":[],"removed":[],
				"modified":["config-repo/order-service.yml"]}]}""";

		assertThat(TestUsers.CLIENT.client(this.port)
			.post()
			.uri("/monitor")
			.header("X-Github-Event", "push")
			.contentType(MediaType.APPLICATION_JSON)
			.body(push)
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(403);
		assertThat(TestUsers.OPERATOR.client(this.port)
			.post()
			.uri("/monitor")
			.header("X-Github-Event", "push")
			.contentType(MediaType.APPLICATION_JSON)
			.body(push)
			.retrieve()
			.body(String.class)).contains("order-service");

		String event = nextEvent();
		assertThat(event).contains("\"type\":\"RefreshRemoteApplicationEvent\"")
			.contains("\"destinationService\":\"order-service");
	}

	private int post(TestUsers user, String path) {
		return user.client(this.port).post().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
	}

	private String nextEvent() {
		RabbitTemplate template = new RabbitTemplate(connectionFactory);
		Message message = template.receive(this.queue.getName(), 10_000);
		assertThat(message).as("a message on the bus within 10 s").isNotNull();
		return new String(message.getBody(), StandardCharsets.UTF_8);
	}

}
