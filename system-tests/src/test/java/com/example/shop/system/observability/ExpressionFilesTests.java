package com.example.shop.system.observability;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every PromQL expression of a dashboard and a rule file is found, whatever the files
 * hold: fixture files shaped like Grafana's and Prometheus' own.
 */
class ExpressionFilesTests {

	private final Path fixtures = fixtures();

	@Test
	void findsTheExpressionOfEveryTargetOfEveryPanelNestedRowsIncluded() {
		List<GrafanaDashboard> dashboards = GrafanaDashboard.readAll(this.fixtures.resolve("dashboards"));

		assertThat(dashboards).hasSize(1);
		assertThat(dashboards.get(0).queries()).extracting(Query::expression)
			.containsExactly("sum by (outcome) (rate(shop_orders_total{outcome=\"$outcome\"}[$__rate_interval]))",
					"sum(rate(http_server_requests_seconds_count{service=\"${service}\"}[5m]))");
		assertThat(dashboards.get(0).queries()).extracting(Query::origin)
			.containsExactly("fixture.json panel \"Orders\" target A",
					"fixture.json panel \"Requests of one service\" target A");
	}

	@Test
	void readsTheDashboardsVariablesAndWhereTheirValuesComeFrom() {
		Map<String, GrafanaDashboard.Variable> variables = GrafanaDashboard
			.read(this.fixtures.resolve("dashboards/fixture.json"))
			.variables();

		assertThat(variables.get("service").values()).as("'All' is no value").isEmpty();
		assertThat(variables.get("service").labelValues())
			.contains(new GrafanaDashboard.LabelValues(java.util.Optional.of("up{job=\"shop\"}"), "service"));
		assertThat(variables.get("outcome").values()).containsExactly("confirmed", "rejected");
		assertThat(variables.get("outcome").labelValues()).isEmpty();
	}

	@Test
	void makesAnExpressionPrometheusAnswersOfOneWithVariables() {
		String expression = "sum(rate(x{service=\"$service\",outcome=~\"${outcome:regex}\"}[$__rate_interval])) "
				+ "/ [[service]]_y[$__range]";

		assertThat(GrafanaDashboard.instantiate(expression,
				Map.of("service", List.of("order-service", "gateway-service"), "outcome", List.of("confirmed")), 10))
			.containsExactly("sum(rate(x{service=\"order-service\",outcome=~\"confirmed\"}[1m])) / order-service_y[1m]",
					"sum(rate(x{service=\"gateway-service\",outcome=~\"confirmed\"}[1m])) / gateway-service_y[1m]");
		assertThat(GrafanaDashboard.instantiate("x{a=\"$unknown\"}[$__interval]", Map.of(), 10))
			.containsExactly("x{a=\"$unknown\"}[1m]");
		assertThat(GrafanaDashboard.instantiate("x{a=\"$a\",b=\"$b\"}",
				Map.of("a", List.of("1", "2", "3"), "b", List.of("1", "2", "3")), 4))
			.hasSize(4);
	}

	@Test
	void findsRecordingRulesAndTheDataEveryAlertWatchesInRuleFilesOnly() {
		List<Path> files = PrometheusRules.ruleFiles(this.fixtures.resolve("rules"));

		assertThat(files).as("promtool's test file is no rule file")
			.containsExactly(this.fixtures.resolve("rules/fixture.yml"));
		List<Query> queries = PrometheusRules.queries(files.get(0));
		assertThat(queries).extracting(Query::expression)
			.containsExactly("sum by (outcome) (rate(shop_orders_total[5m]))",
					"sum(rate(shop_inventory_stockouts_total[5m]))",
					"sum(rate(http_server_requests_seconds_count{status=~\"5..\", uri!=\"/a>b\"}[5m]))\n"
							+ "    / sum(rate(http_server_requests_seconds_count[5m]))",
					"sum(rate(http_server_requests_seconds_count{status=~\"5..\"}[1h]))", "up{job=\"shop\"}",
					"absent(up{service=\"order-service\"})");
		assertThat(queries).extracting(Query::origin)
			.containsExactly("fixture.yml group recording record shop:orders:rate5m",
					"fixture.yml group alerts alert StockoutsRising",
					"fixture.yml group alerts alert ErrorBudgetBurn (part 1 of 2)",
					"fixture.yml group alerts alert ErrorBudgetBurn (part 2 of 2)",
					"fixture.yml group alerts alert ServiceDown (part 1 of 2)",
					"fixture.yml group alerts alert ServiceDown (part 2 of 2)");
	}

	private static Path fixtures() {
		try {
			return Path.of(ExpressionFilesTests.class.getResource("/observability").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
