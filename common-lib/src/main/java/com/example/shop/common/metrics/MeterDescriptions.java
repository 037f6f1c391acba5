package com.example.shop.common.metrics;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Help text ({@code # HELP} in {@code /actuator/prometheus}) for framework meters that
 * come without a description: the HTTP server and client observations, scheduled tasks,
 * Tomcat's sessions and the config server's look-ups. Without it Prometheus shows an
 * empty help line and {@code promtool check metrics} reports "no help text". A meter that
 * has a description of its own keeps it; a meter that is not listed here is left alone.
 * <p>
 * A service adds the descriptions of its own framework meters with {@link #of(Map)} (the
 * gateway does, for Spring Cloud Gateway's).
 */
public final class MeterDescriptions implements MeterFilter {

	/** The meters every service may have, by Micrometer name. */
	public static final Map<String, String> SHARED = Map.ofEntries(
			Map.entry("http.server.requests",
					"Duration of the HTTP requests this service answered, by method, URI template, status and outcome"),
			Map.entry("http.server.requests.active", "HTTP requests this service is answering now, and for how long"),
			Map.entry("http.client.requests",
					"Duration of the HTTP requests this service sent, by method, URI template, target, status and outcome"),
			Map.entry("http.client.requests.active", "HTTP requests this service is waiting on now, and for how long"),
			Map.entry("tasks.scheduled.execution", "Duration of the runs of scheduled tasks, by task and outcome"),
			Map.entry("tasks.scheduled.execution.active", "Scheduled tasks running now, and for how long"),
			Map.entry("spring.cloud.config.environment.find",
					"Duration of the config server's look-ups of an application's configuration"),
			Map.entry("spring.cloud.config.environment.find.active",
					"Config server look-ups running now, and for how long"),
			Map.entry("tomcat.sessions.active.current", "HTTP sessions active now"),
			Map.entry("tomcat.sessions.active.max", "Most HTTP sessions active at once since the start"),
			Map.entry("tomcat.sessions.alive.max", "Longest time an expired HTTP session had been alive"),
			Map.entry("tomcat.sessions.created", "HTTP sessions created"),
			Map.entry("tomcat.sessions.expired", "HTTP sessions expired"),
			Map.entry("tomcat.sessions.rejected", "HTTP sessions refused because the maximum was reached"));

	private final Map<String, String> descriptions;

	private MeterDescriptions(Map<String, String> descriptions) {
		this.descriptions = Map.copyOf(descriptions);
	}

	/**
	 * The descriptions of the meters every service may have.
	 * @return the filter
	 */
	public static MeterDescriptions shared() {
		return new MeterDescriptions(SHARED);
	}

	/**
	 * Descriptions of other meters.
	 * @param descriptions description by Micrometer meter name
	 * @return the filter
	 */
	public static MeterDescriptions of(Map<String, String> descriptions) {
		return new MeterDescriptions(descriptions);
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		if (id.getDescription() != null) {
			return id;
		}
		String description = this.descriptions.get(id.getName());
		return (description != null)
				? new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), description, id.getType()) : id;
	}

}
