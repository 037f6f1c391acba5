package com.example.shop.config;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;

import com.example.shop.common.test.TestBus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the bus on, the operator's {@code POST /actuator/busrefresh} and a git webhook on
 * {@code POST /monitor} put refresh events on the broker (the RabbitMQ on
 * 127.0.0.1:5672), heard here on a bus of the test's own.
 */
// Set through system properties, which the context cache does not see: no other test
// class may reuse this context, and none of this class's may be reused.
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BusOnTests {

	private static TestBus bus;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startTheBus() {
		bus = TestBus.start().listen();
		// System properties, like the SPRING_CLOUD_BUS_* variables they stand for: the
		// bus names its bindings while the environment is prepared, before a test's
		// dynamic properties exist.
		bus.properties().forEach(System::setProperty);
	}

	@AfterAll
	static void deleteTheBus() {
		bus.properties().keySet().forEach(System::clearProperty);
		bus.close();
	}

	@BeforeEach
	void forgetEarlierEvents() {
		bus.forgetHeard();
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
		return bus.nextMessage(Duration.ofSeconds(10));
	}

}
