package com.example.shop.system.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL of a Grafana dashboard file: the {@code expr} of every target of every panel
 * (panels inside rows included), and the dashboard's variables, so that an expression can
 * be made into one Prometheus answers: {@code $__rate_interval} and the other interval
 * variables become {@code 1m}, a dashboard variable one of its values.
 */
public final class GrafanaDashboard {

	/** What Grafana's own interval variables stand for in a query run outside Grafana. */
	private static final Map<String, String> BUILT_IN = Map.of("__rate_interval", "1m", "__interval", "1m", "__range",
			"1m", "__range_s", "60", "__range_ms", "60000", "__interval_ms", "60000");

	/** {@code $name}, {@code ${name}}, {@code ${name:format}} and {@code [[name]]}. */
	private static final Pattern VARIABLE = Pattern
		.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^\\]]*)?]]|\\$(\\w+)");

	private static final Pattern LABEL_VALUES = Pattern
		.compile("^\\s*label_values\\s*\\((?:(.*),)?\\s*(\\w+)\\s*\\)\\s*$", Pattern.DOTALL);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Path file;

	private final JsonNode dashboard;

	private GrafanaDashboard(Path file, JsonNode dashboard) {
		this.file = file;
		this.dashboard = dashboard;
	}

	public static GrafanaDashboard read(Path file) {
		try {
			return new GrafanaDashboard(file, json.readTree(Files.readString(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every dashboard ({@code *.json}) in a folder, by file name. */
	public static List<GrafanaDashboard> readAll(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".json"))
				.sorted()
				.map(GrafanaDashboard::read)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The {@code expr} of every target of every panel, nested ones included. */
	public List<Query> queries() {
		List<Query> queries = new ArrayList<>();
		collect(this.dashboard.path("panels"), queries);
		return queries;
	}

	private void collect(JsonNode panels, List<Query> queries) {
		for (JsonNode panel : panels) {
			String title = panel.path("title").asString("");
			for (JsonNode target : panel.path("targets")) {
				String expression = target.path("expr").asString("");
				if (!expression.isBlank()) {
					queries.add(new Query(this.file.getFileName() + " panel \"" + title + "\" target "
							+ target.path("refId").asString("?"), expression));
				}
			}
			// A collapsed row holds its panels; an expanded one is followed by them.
			collect(panel.path("panels"), queries);
		}
	}

	/** The dashboard's variables ({@code templating.list}), by name. */
	public Map<String, Variable> variables() {
		Map<String, Variable> variables = new LinkedHashMap<>();
		for (JsonNode variable : this.dashboard.path("templating").path("list")) {
			String name = variable.path("name").asString("");
			if (name.isEmpty()) {
				continue;
			}
			Set<String> values = new LinkedHashSet<>();
			JsonNode current = variable.path("current").path("value");
			(current.isArray() ? current.valueStream() : Stream.of(current)).map((value) -> value.asString(""))
				.forEach(values::add);
			variable.path("options").forEach((option) -> values.add(option.path("value").asString("")));
			String query = variable.path("query").isObject() ? variable.path("query").path("query").asString("")
					: variable.path("query").asString("");
			String type = variable.path("type").asString("");
			if (type.equals("custom") || type.equals("interval") || type.equals("constant") || type.equals("textbox")) {
				Stream.of(query.split(",")).map(String::strip).forEach(values::add);
			}
			values.removeIf((value) -> value.isEmpty() || value.equals("$__all") || value.equals("All"));
			Matcher labelValues = LABEL_VALUES.matcher(query);
			Optional<LabelValues> source = labelValues.matches() ? Optional
				.of(new LabelValues(Optional.ofNullable(labelValues.group(1)).map(String::strip), labelValues.group(2)))
					: Optional.empty();
			variables.put(name, new Variable(name, List.copyOf(values), source));
		}
		return variables;
	}

	/**
	 * The expression with Grafana's interval variables replaced, and the others by every
	 * combination of the values given (at most {@code limit} of them); a variable without
	 * values stays as it is (and Prometheus will say what is wrong with it).
	 */
	public static List<String> instantiate(String expression, Map<String, List<String>> values, int limit) {
		List<String> results = new ArrayList<>(List.of(expression));
		Matcher matcher = VARIABLE.matcher(expression);
		Set<String> names = new LinkedHashSet<>();
		while (matcher.find()) {
			names.add(name(matcher));
		}
		for (String name : names) {
			List<String> replacements = BUILT_IN.containsKey(name) ? List.of(BUILT_IN.get(name))
					: values.getOrDefault(name, List.of());
			if (replacements.isEmpty()) {
				continue;
			}
			List<String> next = new ArrayList<>();
			for (String partial : results) {
				for (String replacement : replacements) {
					if (next.size() < limit) {
						next.add(replace(partial, name, replacement));
					}
				}
			}
			results = next;
		}
		return results;
	}

	private static String replace(String expression, String name, String value) {
		Matcher matcher = VARIABLE.matcher(expression);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(result,
					Matcher.quoteReplacement(name.equals(name(matcher)) ? value : matcher.group()));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private static String name(Matcher matcher) {
		for (int group = 1; group <= 3; group++) {
			if (matcher.group(group) != null) {
				return matcher.group(group);
			}
		}
		throw new IllegalStateException("No variable name in " + matcher.group());
	}

	/**
	 * A dashboard variable.
	 *
	 * @param name its name ({@code service} for {@code $service})
	 * @param values the values the file names (current, options, custom list)
	 * @param labelValues where Grafana looks its values up, if it does
	 */
	public record Variable(String name, List<String> values, Optional<LabelValues> labelValues) {

	}

	/**
	 * A {@code label_values([series,] label)} variable query.
	 *
	 * @param series the series selector whose label values count, if any
	 * @param label the label
	 */
	public record LabelValues(Optional<String> series, String label) {

	}

}
