package com.example.shop.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.jspecify.annotations.Nullable;

/**
 * A Spring Cloud Bus of a test's own on the machine's RabbitMQ (127.0.0.1:5672,
 * guest/guest; a test that uses it fails without the broker, never skips): a destination
 * (the bus's topic exchange) no other run shares, the settings that put a service on it,
 * and a connection to send to it and hear what the services send. {@link #close()}
 * deletes the exchange (the services' queues on it go with their connections).
 * <p>
 * The bus derives its bindings' destinations from {@code spring.cloud.bus.destination}
 * while the environment is prepared; {@link #properties()} names those bindings too, so
 * that the settings also work where they arrive later (a test's dynamic properties).
 */
public final class TestBus implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private static final int PORT = 5672;

	private static final String USER = "guest";

	private final String destination = "shop-bus-" + UUID.randomUUID();

	private final Connection connection;

	private final Channel channel;

	private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

	private @Nullable String queue;

	private TestBus() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(HOST);
		factory.setPort(PORT);
		factory.setUsername(USER);
		factory.setPassword(USER);
		try {
			this.connection = factory.newConnection("test-bus");
			this.channel = this.connection.createChannel();
			// The binder's own declaration (a durable topic exchange), so either may come
			// first.
			this.channel.exchangeDeclare(this.destination, BuiltinExchangeType.TOPIC, true);
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("No RabbitMQ at " + HOST + ":" + PORT + " for the bus", ex);
		}
	}

	/**
	 * Connects to the RabbitMQ on 127.0.0.1:5672 and declares a new bus exchange there.
	 * @return a bus no other test run shares
	 */
	public static TestBus start() {
		return new TestBus();
	}

	/**
	 * The bus's destination: the RabbitMQ exchange.
	 * @return the exchange's name
	 */
	public String destination() {
		return this.destination;
	}

	/**
	 * The properties that put a Spring Boot service on this bus.
	 * @return property names and values
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.cloud.bus.enabled", "true");
		properties.put("spring.cloud.bus.destination", this.destination);
		properties.put("spring.cloud.stream.bindings.springCloudBusInput.destination", this.destination);
		properties.put("spring.cloud.stream.bindings.springCloudBusOutput.destination", this.destination);
		properties.put("spring.rabbitmq.host", HOST);
		properties.put("spring.rabbitmq.port", String.valueOf(PORT));
		properties.put("spring.rabbitmq.username", USER);
		properties.put("spring.rabbitmq.password", USER);
		return properties;
	}

	/**
	 * The environment variables that put a service started as a process on this bus.
	 * @return variable names and values
	 */
	public Map<String, String> environment() {
		return Map.of("SPRING_CLOUD_BUS_ENABLED", "true", "SPRING_CLOUD_BUS_DESTINATION", this.destination,
				"SPRING_RABBITMQ_HOST", HOST, "SPRING_RABBITMQ_PORT", String.valueOf(PORT), "SPRING_RABBITMQ_USERNAME",
				USER, "SPRING_RABBITMQ_PASSWORD", USER);
	}

	/**
	 * Starts hearing every message on the bus from now on, through a queue of this
	 * fixture's own (exclusive: RabbitMQ deletes it with the connection).
	 * @return this bus
	 */
	public synchronized TestBus listen() {
		if (this.queue == null) {
			try {
				// No x-queue-leader-locator argument: RabbitMQ before 3.12 refuses it on
				// classic queues.
				String name = this.channel.queueDeclare("", false, true, true, null).getQueue();
				this.channel.queueBind(name, this.destination, "#");
				this.channel.basicConsume(name, true,
						(tag, delivery) -> this.heard.add(new String(delivery.getBody(), StandardCharsets.UTF_8)),
						(tag) -> {
						});
				this.queue = name;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return this;
	}

	/**
	 * The next message heard on the bus since {@link #listen()}.
	 * @param timeout how long to wait for it
	 * @return the message body (the event as JSON)
	 * @throws AssertionError if none arrives within the timeout
	 */
	public String nextMessage(Duration timeout) {
		if (this.queue == null) {
			throw new IllegalStateException("listen() first");
		}
		try {
			String message = this.heard.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (message == null) {
				throw new AssertionError("No message on the bus " + this.destination + " within " + timeout);
			}
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Forgets what was heard so far (between the tests of a class that shares the bus).
	 */
	public void forgetHeard() {
		this.heard.clear();
	}

	/**
	 * Puts a JSON event on the bus, as a service's bus does.
	 * @param json the event, for example a {@code RefreshRemoteApplicationEvent}
	 */
	public void send(String json) {
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json").build();
		try {
			synchronized (this) {
				this.channel.basicPublish(this.destination, this.destination, properties,
						json.getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Puts what config-service's {@code /actuator/busrefresh} sends on the bus: a
	 * {@code RefreshRemoteApplicationEvent} from config-service for every service.
	 */
	public void sendRefreshToEveryService() {
		send("""
				{"type":"RefreshRemoteApplicationEvent","originService":"config-service:8888:%s",\
				"destinationService":"**","id":"%s"}""".formatted(UUID.randomUUID(), UUID.randomUUID()));
	}

	/** Deletes the exchange and disconnects. */
	@Override
	public void close() {
		try {
			this.channel.exchangeDelete(this.destination);
			this.connection.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete the bus exchange " + this.destination, ex);
		}
	}

}
