package com.example.shop.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's request metrics as Prometheus scrapes them: snake_case labels, help text
 * and the SLO buckets.
 */
class GatewayMetricsTest extends GatewayTestSupport {

	private static final Pattern LABEL_NAME = Pattern.compile("[{,]([A-Za-z_][A-Za-z0-9_]*)=\"");

	@Test
	void labelsRoutedRequestsInSnakeCaseWithHelpAndSloBuckets() {
		Backends.INVENTORY.stubFor(get("/api/inventory/items/A-1").willReturn(aResponse().withStatus(200)
			.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
			.withBody("{\"sku\":\"A-1\",\"name\":\"Anvil\",\"available\":5}")));
		this.client.get()
			.uri("/api/inventory/items/A-1")
			.header(HttpHeaders.AUTHORIZATION, bearer("inventory:read"))
			.exchange()
			.expectStatus()
			.isOk();

		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(scrape).contains("# HELP spring_cloud_gateway_requests_seconds Duration of the requests the gateway")
			.contains("# HELP spring_cloud_gateway_routes_count Routes the gateway has")
			.containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*http_method=\"GET\"[^}]*"
					+ "http_status_code=\"200\"[^}]*route_id=\"inventory\"[^}]*route_uri=\"http://[^\"]+\"[^}]*\\} 1");
		for (String le : new String[] { "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "+Inf" }) {
			assertThat(scrape)
				.containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{[^}]*route_id=\"inventory\"[^}]*le=\""
						+ Pattern.quote(le) + "\"")
				.containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"" + Pattern.quote(le) + "\"");
		}
		assertThat(scrape.lines().filter((line) -> line.startsWith("spring_cloud_gateway_"))).allSatisfy(
				(line) -> assertThat(labelNames(line)).allMatch((name) -> name.equals(name.toLowerCase(Locale.ROOT))));
	}

	private static List<String> labelNames(String line) {
		Matcher matcher = LABEL_NAME.matcher(line.substring(0, line.lastIndexOf('}') + 1));
		List<String> names = new ArrayList<>();
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

}
