package com.example.shop.system;

import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.shop.system.Gateway.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators and probes rely on, on every service of the running system: health
 * groups, info and Prometheus metrics without a token, everything else of the actuator
 * only with the {@code ops} scope, and nothing of a service's actuator reachable through
 * the gateway.
 */
@ExtendWith(ShopSystem.Extension.class)
class ActuatorSystemTest {

	private final ShopSystem system;

	ActuatorSystemTest(ShopSystem system) {
		this.system = system;
	}

	@ParameterizedTest
	@ValueSource(strings = { "config", "auth", "inventory", "order", "gateway" })
	void everyServiceOpensItsProbesInfoAndMetricsWithoutAToken(String service) {
		Gateway direct = new Gateway(this.system.url(service));

		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			Response response = direct.get(probe).send();
			assertThat(response.status()).as(service + probe).isEqualTo(200);
			assertThat(response.json().get("status").asString()).isEqualTo("UP");
		}
		Response info = direct.get("/actuator/info").send();
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.json().get("build").get("artifact").asString()).isEqualTo(service + "-service");
		assertThat(info.json().get("java").get("version").asString()).isNotBlank();
		Response metrics = direct.get("/actuator/prometheus").send();
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("application=\"" + service + "-service\"")
			.contains("jvm_memory_used_bytes");
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth", "inventory", "order", "gateway" })
	void everySecuredServiceOpensItsOtherActuatorEndpointsOnlyToTheOpsScope(String service) {
		Gateway direct = new Gateway(this.system.url(service));
		Gateway entry = new Gateway(this.system.gatewayUrl());
		String ops = new Gateway(this.system.url("auth")).token("ops-client", this.system.opsClientSecret(), "ops");
		// Tokens for order- and inventory-service, which the gateway accepts too; none of
		// the demo client's scopes is for auth-service.
		String demo = entry.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "orders:read", "inventory:read");

		Response anonymous = direct.get("/actuator/metrics").send();
		Response withoutOps = direct.get("/actuator/metrics").token(demo).send();
		Response withOps = direct.get("/actuator/metrics").token(ops).send();

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.isProblem()).as(anonymous.toString()).isTrue();
		assertThat(withoutOps.status()).as("a valid token without the ops scope, for this service or another")
			.isEqualTo(service.equals("auth") ? 401 : 403);
		assertThat(withoutOps.isProblem()).as(withoutOps.toString()).isTrue();
		assertThat(withOps.status()).as(withOps.toString()).isEqualTo(200);
		assertThat(withOps.json().get("names")).isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth", "inventory", "order", "gateway" })
	void everySecuredServiceShowsHealthDetailsOnlyToTheOpsScope(String service) {
		Gateway direct = new Gateway(this.system.url(service));
		String ops = new Gateway(this.system.url("auth")).token("ops-client", this.system.opsClientSecret(), "ops");

		Response anonymous = direct.get("/actuator/health").send();
		Response withOps = direct.get("/actuator/health").token(ops).send();

		assertThat(anonymous.status()).isEqualTo(200);
		assertThat(anonymous.json().has("components")).as(anonymous.toString()).isFalse();
		assertThat(withOps.json().get("components").has("diskSpace")).as(withOps.toString()).isTrue();
	}

}
