package com.example.shop.gateway.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.example.shop.common.metrics.MeterDescriptions;

/**
 * Spring Cloud Gateway's own meters as Prometheus expects them. Its request timer
 * ({@code spring_cloud_gateway_requests_seconds}) is tagged in camelCase
 * ({@code routeId}, {@code routeUri}, {@code httpStatusCode}, {@code httpMethod}), which
 * Prometheus' naming rules (and {@code promtool check metrics}) reject, and Spring Cloud
 * Gateway 5 has no setting to change it: a {@link MeterFilter} renames them to snake_case
 * ({@code route_id}, {@code route_uri}, {@code http_status_code}, {@code http_method})
 * before the meters are created. Its meters also come without help text.
 */
@Configuration(proxyBeanMethods = false)
class GatewayMetricsConfiguration {

	/**
	 * The prefix of Spring Cloud Gateway's meters
	 * (spring.cloud.gateway.server.webflux.metrics.prefix).
	 */
	static final String PREFIX = "spring.cloud.gateway.";

	private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

	@Bean
	MeterFilter snakeCaseGatewayTags() {
		return new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				if (!id.getName().startsWith(PREFIX)) {
					return id;
				}
				return id.replaceTags(id.getTags().stream().map(GatewayMetricsConfiguration::snakeCase).toList());
			}

		};
	}

	@Bean
	MeterDescriptions gatewayMeterDescriptions() {
		return MeterDescriptions.of(Map.of(PREFIX + "requests",
				"Duration of the requests the gateway routed, by route, target, method, status and outcome",
				PREFIX + "routes.count", "Routes the gateway has"));
	}

	static Tag snakeCase(Tag tag) {
		String key = CAMEL_HUMP.matcher(tag.getKey()).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
		return key.equals(tag.getKey()) ? tag : Tag.of(key, tag.getValue());
	}

}
