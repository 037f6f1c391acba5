package com.example.shop.system.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promises docker-compose.yml makes to operators, read from the file itself (merge
 * keys resolved), so that an edit that breaks one fails the build on any machine. CI also
 * starts the file for real (.ci/delivery-check).
 */
class ComposeFileTests {

	private static final Path ROOT = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

	private static final List<String> JAVA_SERVICES = List.of("config-service", "auth-service", "inventory-service",
			"order-service", "gateway-service");

	private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)");

	@Test
	void everyContainerHasAHealthcheckARestartPolicyAndAMemoryLimit() throws IOException {
		services().forEach((name, service) -> {
			assertThat(map(service, "healthcheck")).as(name + " healthcheck").containsKeys("test", "interval");
			assertThat(map(service, "healthcheck")).as(name + ": engine 20.10 refuses start_interval")
				.doesNotContainKey("start_interval");
			assertThat(service.get("restart")).as(name + " restart policy").isEqualTo("unless-stopped");
			assertThat(map(map(map(service, "deploy"), "resources"), "limits")).as(name + " memory limit")
				.containsKey("memory");
		});
	}

	@Test
	void everyServiceStartsOnlyWhenWhatItNeedsIsHealthy() throws IOException {
		Map<String, Map<String, Object>> services = services();

		assertThat(dependencies(services, "config-service")).containsOnlyKeys("rabbitmq");
		assertThat(dependencies(services, "auth-service")).containsOnlyKeys("config-service");
		assertThat(dependencies(services, "inventory-service")).containsOnlyKeys("config-service", "auth-service",
				"inventory-db");
		assertThat(dependencies(services, "order-service")).containsOnlyKeys("config-service", "auth-service",
				"order-db", "inventory-service");
		assertThat(dependencies(services, "gateway-service")).containsOnlyKeys("config-service", "auth-service",
				"inventory-service", "order-service", "redis");
		services.forEach((name, service) -> dependencies(services, name)
			.forEach((dependency, settings) -> assertThat(settings).as(name + " waits for " + dependency)
				.isEqualTo(Map.of("condition", "service_healthy"))));
	}

	@Test
	void onlyTheGatewayIsPublishedAndOperatorPortsStayOnLoopback() throws IOException {
		Map<String, Map<String, Object>> services = services();

		List<String> published = services.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().containsKey("ports"))
			.map(Map.Entry::getKey)
			.toList();
		assertThat(published).containsExactlyInAnyOrder("gateway-service", "prometheus", "zipkin", "grafana");
		assertThat(list(services.get("gateway-service"), "ports")).singleElement().asString().endsWith(":8080");
		for (String operatorTool : List.of("prometheus", "zipkin", "grafana")) {
			assertThat(list(services.get(operatorTool), "ports")).as(operatorTool)
				.singleElement()
				.asString()
				.startsWith("127.0.0.1:");
			assertThat(list(services.get(operatorTool), "profiles")).as(operatorTool).containsExactly("observability");
		}
	}

	@Test
	void theObservabilityProfileMountsTheAlertRulesAndTheProvisionedDashboardsReadOnly() throws IOException {
		Map<String, Map<String, Object>> services = services();

		assertThat(list(services.get("prometheus"), "volumes")).contains(
				"./docker/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
				"./docker/prometheus/rules:/etc/prometheus/rules:ro");
		assertThat(list(services.get("grafana"), "volumes")).contains(
				"./docker/grafana/provisioning:/etc/grafana/provisioning:ro",
				"./docker/grafana/dashboards:/etc/grafana/dashboards:ro");
		assertThat(dependencies(services, "grafana")).containsOnlyKeys("prometheus");
		assertThat(Files.readString(ROOT.resolve("docker/grafana/provisioning/datasources/prometheus.yml")))
			.contains("url: http://prometheus:9090");
	}

	@Test
	void everyBusinessServiceHasItsOwnPostgresWithItsOwnNamedVolume() throws IOException {
		Map<String, Map<String, Object>> services = services();
		Map<String, Object> volumes = map(compose(), "volumes");

		for (String database : List.of("order-db", "inventory-db")) {
			Map<String, Object> service = services.get(database);
			assertThat(service.get("image")).isEqualTo("${POSTGRES_IMAGE:-postgres:17}");
			assertThat(list(service, "volumes")).singleElement().asString().endsWith(":/var/lib/postgresql/data");
			String volume = list(service, "volumes").get(0).toString().split(":")[0];
			assertThat(volumes).containsKey(volume);
		}
		assertThat(list(services.get("order-db"), "volumes"))
			.isNotEqualTo(list(services.get("inventory-db"), "volumes"));
		assertThat(services.get("order-service").get("environment").toString()).contains("ORDER_DB_PASSWORD")
			.doesNotContain("INVENTORY_DB_PASSWORD");
	}

	@Test
	void imagesArePublicByDefaultAndEachNamedThroughAVariable() throws IOException {
		Map<String, Map<String, Object>> services = services();

		for (String name : JAVA_SERVICES) {
			String tagVariable = name.toUpperCase().replace('-', '_') + "_TAG";
			assertThat(services.get(name).get("image"))
				.isEqualTo("${SHOP_REGISTRY:-shop}/" + name + ":${" + tagVariable + ":-${SHOP_TAG:-latest}}");
			assertThat(map(map(services.get(name), "build"), "args")).containsEntry("SERVICE", name)
				.containsEntry("JRE_IMAGE", "${JRE_IMAGE:-eclipse-temurin:17-jre}");
		}
		assertThat(services.get("prometheus").get("image")).isEqualTo("${PROMETHEUS_IMAGE:-prom/prometheus:v3.5.0}");
		assertThat(services.get("zipkin").get("image")).isEqualTo("${ZIPKIN_IMAGE:-openzipkin/zipkin:3.5.1}");
		assertThat(services.get("grafana").get("image")).isEqualTo("${GRAFANA_IMAGE:-grafana/grafana-oss:12.3.1}");
		assertThat(services.get("redis").get("image")).isEqualTo("${REDIS_IMAGE:-redis:7}");
		assertThat(services.get("rabbitmq").get("image")).isEqualTo("${RABBITMQ_IMAGE:-rabbitmq:4}");
	}

	@Test
	void secretsComeFromTheEnvironmentAndTheSigningKeyIsAComposeSecret() throws IOException {
		Map<String, Map<String, Object>> services = services();

		services.forEach((name, service) -> map(service, "environment").forEach((key, value) -> {
			if (key.matches(".*(PASSWORD|SECRET|_KEY$).*")) {
				assertThat(value).as(name + " " + key).asString().matches("\\$\\{[A-Z0-9_]+:\\?.+}");
			}
		}));
		assertThat(list(services.get("auth-service"), "secrets")).containsExactly("auth-signing-key.pem",
				"auth-previous-signing-key.pem");
		assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains(".env\n", "secrets/\n");
	}

	@Test
	void envExampleListsEveryVariableTheComposeFileReads() throws IOException {
		String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
		String example = Files.readString(ROOT.resolve(".env.example"));

		Set<String> variables = new LinkedHashSet<>();
		Matcher matcher = VARIABLE.matcher(compose);
		while (matcher.find()) {
			variables.add(matcher.group(1));
		}
		List<String> missing = new ArrayList<>();
		for (String variable : variables) {
			if (!Pattern.compile("(?m)^#? ?" + variable + "=").matcher(example).find()) {
				missing.add(variable);
			}
		}
		assertThat(variables).contains("ORDER_DB_PASSWORD", "POSTGRES_IMAGE", "GATEWAY_PORT");
		assertThat(missing).as("variables of docker-compose.yml not in .env.example").isEmpty();
	}

	@Test
	void prometheusScrapesTheMetricsEndpointOfEveryService() throws IOException {
		Map<String, Object> prometheus = yaml(ROOT.resolve("docker/prometheus/prometheus.yml"));
		String scrapeConfigs = prometheus.get("scrape_configs").toString();

		assertThat(scrapeConfigs).contains("metrics_path=/actuator/prometheus");
		Map<String, Map<String, Object>> services = services();
		for (String name : JAVA_SERVICES) {
			String port = map(map(services.get(name), "build"), "args").get("PORT").toString();
			assertThat(scrapeConfigs).contains(name + ":" + port);
		}
	}

	@Test
	void theDockerfileBuildsALayeredNonRootImageWithAHealthcheckAndLabels() throws IOException {
		String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

		assertThat(dockerfile).contains("ARG JRE_IMAGE=eclipse-temurin:17-jre")
			.contains("-Djarmode=tools -jar app.jar extract --layers")
			.contains("-XX:ArchiveClassesAtExit", "-XX:AOTCacheOutput", "-Dspring.context.exit=onRefresh")
			.contains("-XX:MaxRAMPercentage")
			.contains("USER shop")
			.contains("HEALTHCHECK")
			.contains("org.opencontainers.image.version", "org.opencontainers.image.revision",
					"org.opencontainers.image.source")
			.containsPattern("(?m)^ENTRYPOINT \\[\"java\"");
		assertThat(dockerfile.indexOf("COPY --from=layers /build/extracted/dependencies/"))
			.as("layers from least to most often changed")
			.isLessThan(dockerfile.indexOf("COPY --from=layers /build/extracted/application/"));
		assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains("*", "!*/target/*.jar");
	}

	private static Map<String, Object> compose() throws IOException {
		return yaml(ROOT.resolve("docker-compose.yml"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		return (Map<String, Map<String, Object>>) (Map<?, ?>) map(compose(), "services");
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		return new Yaml().load(Files.readString(file));
	}

	private static Map<String, Object> dependencies(Map<String, Map<String, Object>> services, String name) {
		return map(services.get(name), "depends_on");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object parent, String key) {
		Object value = ((Map<String, Object>) parent).get(key);
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object parent, String key) {
		Object value = ((Map<String, Object>) parent).get(key);
		return (value != null) ? (List<Object>) value : List.of();
	}

}
