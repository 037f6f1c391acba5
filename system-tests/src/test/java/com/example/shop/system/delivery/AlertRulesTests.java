package com.example.shop.system.delivery;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The alert rules and the Grafana dashboard of the observability profile, checked where
 * they are written rather than when an operator first needs them: Prometheus' own
 * {@code promtool} validates the rules and runs their unit tests
 * (docker/prometheus/rules/shop-alerts.test.yml), and the dashboard must parse and query
 * the provisioned data source on every panel. CI also loads the rules into a running
 * Prometheus (.ci/delivery-check).
 */
class AlertRulesTests {

	private static final Path ROOT = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

	private static final String RULES = "docker/prometheus/rules/shop-alerts.yml";

	private static final String RULE_TESTS = "docker/prometheus/rules/shop-alerts.test.yml";

	private static final String DASHBOARD = "docker/grafana/dashboards/shop-overview.json";

	/**
	 * What the system tests evaluate on a running Prometheus: an alert is
	 * {@code <expression> <comparison> <number>} (the number possibly a product in
	 * parentheses), two such parts joined by {@code and} for the burn rates.
	 */
	private static final Pattern COMPARED_WITH_A_NUMBER = Pattern
		.compile("(?s).+\\s(>|<|>=|<=|==|!=)\\s+(\\d+(\\.\\d+)?|\\(\\d+(\\.\\d+)? \\* \\d+(\\.\\d+)?\\))");

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void promtoolAcceptsTheRulesAndThePrometheusConfigurationThatLoadsThem() throws Exception {
		promtool("check", "rules", RULES);
		String config = promtool("check", "config", "docker/prometheus/prometheus.yml");

		assertThat(config).as("prometheus.yml loads the rules").contains(RULES);
	}

	@Test
	void theRulesPassTheirUnitTests() throws Exception {
		promtool("test", "rules", RULE_TESTS);
	}

	@Test
	void everyAlertIsTestedFiringAndSilent() throws IOException {
		Set<String> firing = new HashSet<>();
		Set<String> silent = new HashSet<>();
		for (Map<String, Object> test : list(yaml(RULE_TESTS), "tests")) {
			for (Map<String, Object> check : list(test, "alert_rule_test")) {
				String alert = (String) check.get("alertname");
				(list(check, "exp_alerts").isEmpty() ? silent : firing).add(alert);
			}
		}

		assertThat(alerts()).isNotEmpty().allSatisfy((name, rule) -> {
			assertThat(firing).as("a test where %s fires", name).contains(name);
			assertThat(silent).as("a test where %s stays silent", name).contains(name);
		});
	}

	@Test
	void everyAlertHasASeverityASummaryAndARunbookSection() throws IOException {
		assertThat(alerts())
			.containsKeys("OrderPlacementErrorBudgetFastBurn", "OrderPlacementErrorBudgetSlowBurn",
					"OrderPlacementLatencyBudgetFastBurn", "OrderPlacementLatencyBudgetSlowBurn",
					"OrdersPendingTooLong", "InventoryCircuitBreakerOpen", "ServiceInstanceDown")
			.allSatisfy((name, rule) -> {
				assertThat(map(rule, "labels")).as(name).containsKey("severity");
				assertThat(map(rule, "labels").get("severity")).as(name).isIn("page", "ticket");
				assertThat(map(rule, "annotations")).as(name).containsKeys("summary", "description");
				assertThat(map(rule, "annotations").get("runbook_url")).as(name)
					.isEqualTo("docs/observability.md#" + name.toLowerCase());
			});
	}

	@Test
	void everyAlertComparesItsExpressionWithANumber() throws IOException {
		assertThat(alerts()).allSatisfy((name, rule) -> {
			String expression = rule.get("expr").toString().strip();
			for (String part : expression.split("\\s+and\\s+")) {
				assertThat(part).as("%s: %s", name, expression).matches(COMPARED_WITH_A_NUMBER);
			}
		});
	}

	@Test
	void everyDashboardPanelQueriesTheProvisionedPrometheus() throws IOException {
		Map<String, Object> provisioned = list(yaml("docker/grafana/provisioning/datasources/prometheus.yml"),
				"datasources")
			.get(0);
		String uid = provisioned.get("uid").toString();
		JsonNode dashboard = json.readTree(Files.readString(ROOT.resolve(DASHBOARD)));

		List<JsonNode> panels = panels(dashboard);
		List<JsonNode> queried = panels.stream().filter((panel) -> panel.has("targets")).toList();
		assertThat(queried).as("panels with queries").hasSizeGreaterThan(10);
		assertThat(panels).extracting((panel) -> panel.get("id").asInt()).doesNotHaveDuplicates();
		for (JsonNode panel : queried) {
			String title = panel.get("title").asString();
			assertThat(panel.at("/datasource/uid").asString()).as(title).isEqualTo(uid);
			assertThat(panel.get("targets")).as(title).isNotEmpty().allSatisfy((target) -> {
				assertThat(target.at("/datasource/uid").asString()).as(title).isEqualTo(uid);
				// No Grafana variable: the system tests evaluate every expression as it
				// is.
				assertThat(target.get("expr").asString()).as(title).isNotBlank().doesNotContain("$");
			});
		}
		assertThat(dashboard.get("uid").asString()).isNotBlank();
		assertThat(list(yaml("docker/grafana/provisioning/dashboards/shop.yml"), "providers")).singleElement()
			.satisfies((provider) -> assertThat(map(provider, "options")).containsEntry("path",
					"/etc/grafana/dashboards"));
	}

	private static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			panels.add(panel);
			if (panel.has("panels")) {
				panel.get("panels").forEach(panels::add);
			}
		}
		return panels;
	}

	/**
	 * Runs promtool from the PATH (Debian's prometheus package puts it in /usr/bin) in
	 * the project's root.
	 * @return what it printed, when it succeeded
	 */
	private static String promtool(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of(executable()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("promtool finished within 2 minutes").isTrue();
		assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", arguments), output).isZero();
		return output;
	}

	private static String executable() {
		String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
		return Stream.of(path.split(File.pathSeparator))
			.map((folder) -> Path.of(folder, "promtool"))
			.filter(Files::isExecutable)
			.findFirst()
			.map(Path::toString)
			.orElseGet(() -> fail("promtool is not installed (apt-get install prometheus): the alert rules must be"
					+ " checked with it"));
	}

	private static Map<String, Map<String, Object>> alerts() throws IOException {
		Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
		for (Map<String, Object> group : list(yaml(RULES), "groups")) {
			for (Map<String, Object> rule : list(group, "rules")) {
				if (rule.containsKey("alert")) {
					alerts.put(rule.get("alert").toString(), rule);
				}
			}
		}
		return alerts;
	}

	private static Map<String, Object> yaml(String file) throws IOException {
		return new Yaml().load(Files.readString(ROOT.resolve(file)));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object parent, String key) {
		Object value = ((Map<String, Object>) parent).get(key);
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object parent, String key) {
		Object value = ((Map<String, Object>) parent).get(key);
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

}
