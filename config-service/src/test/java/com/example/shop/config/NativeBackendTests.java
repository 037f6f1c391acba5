package com.example.shop.config;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config server as the other services see it, serving this repository's real
 * {@code config-repo/} folder.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NativeBackendTests {

	@LocalServerPort
	int port;

	RestClient client;

	@BeforeEach
	void createClient() {
		this.client = TestUsers.CLIENT.client(this.port);
	}

	@Test
	void servesTheOrderLimitThatOrderServiceReadsFromTheConfigRepo() {
		assertThat(Path.of("../config-repo/order-service.yml"))
			.as("config-repo/order-service.yml (written by the order-service module) must exist and set orders.max-lines")
			.exists();

		ConfigEnvironment environment = ConfigEnvironment.fetch(this.client, "order-service", "default");

		assertThat(environment.text("orders.max-lines")).isEqualTo("10");
	}

	@Test
	void servesSettingsSharedByEveryServiceToAnyApplication() {
		ConfigEnvironment environment = ConfigEnvironment.fetch(this.client, "any-service", "default");

		assertThat(environment.text("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("8s");
	}

	@Test
	void servesTheDockerProfileOfAuthServiceWithTheSharedDockerHostnames() {
		ConfigEnvironment environment = ConfigEnvironment.fetch(this.client, "auth-service", "docker");

		assertThat(environment.text("auth.signing.key-file")).isEqualTo("/run/secrets/auth-signing-key.pem");
		assertThat(environment.text("auth.signing.create-if-missing")).isEqualTo("false");
		assertThat(environment.text("shop.auth.issuer")).isEqualTo("${SHOP_PUBLIC_URL:http://localhost:8080}");
		assertThat(environment.text("shop.auth.url")).isEqualTo("http://auth-service:9000");
		assertThat(environment.text("shop.services.order-url")).isEqualTo("http://order-service:8081");
		assertThat(environment.text("shop.services.inventory-url")).isEqualTo("http://inventory-service:8082");
		assertThat(environment.text("shop.data-dir")).isEqualTo("/data");
		// Central settings of the default profile still apply underneath.
		assertThat(environment.text("auth.access-token-ttl")).isEqualTo("5m");
	}

	@Test
	void leavesTheLocalDefaultsOfTheServicesAloneOutsideTheDockerProfile() {
		ConfigEnvironment environment = ConfigEnvironment.fetch(this.client, "auth-service", "default");

		// Local defaults live in each service (and shop-common.yml), so a service started
		// without the config server behaves the same as one started with it.
		assertThat(environment.property("auth.signing.key-file")).isNull();
		assertThat(environment.property("shop.auth.url")).isNull();
		assertThat(environment.text("auth.access-token-ttl")).isEqualTo("5m");
	}

	@Test
	void reportsLivenessAndReadinessUp() {
		assertThat(this.client.get().uri("/actuator/health/liveness").retrieve().body(String.class))
			.contains("\"status\":\"UP\"");
		assertThat(this.client.get().uri("/actuator/health/readiness").retrieve().body(String.class))
			.contains("\"status\":\"UP\"");
	}

	@Test
	void exposesMetricsForPrometheus() {
		String metrics = this.client.get().uri("/actuator/prometheus").retrieve().body(String.class);

		assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"config-service\"");
	}

}
