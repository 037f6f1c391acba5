package com.example.shop.system.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * The PromQL of a Prometheus rule file: a recording rule's expression as written, an
 * alerting rule's as the data it watches ({@link PromQl#conditionOperands}), since the
 * condition itself returns nothing while all is well.
 */
public final class PrometheusRules {

	private PrometheusRules() {
	}

	/**
	 * The rule files of a folder: every {@code *.yml} or {@code *.yaml} with a top-level
	 * {@code groups} list (which leaves out promtool's unit test files), by name.
	 */
	public static List<Path> ruleFiles(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.getFileName().toString().matches(".*\\.ya?ml"))
				.filter((file) -> read(file).get("groups") instanceof List)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What every rule of the file needs Prometheus to answer. */
	public static List<Query> queries(Path file) {
		List<Query> queries = new ArrayList<>();
		for (Map<String, Object> group : maps(read(file).get("groups"))) {
			for (Map<String, Object> rule : maps(group.get("rules"))) {
				String expression = String.valueOf(rule.get("expr"));
				String origin = file.getFileName() + " group " + group.get("name");
				if (rule.containsKey("record")) {
					queries.add(new Query(origin + " record " + rule.get("record"), expression));
				}
				else {
					List<String> operands = PromQl.conditionOperands(expression);
					for (int i = 0; i < operands.size(); i++) {
						String part = (operands.size() > 1) ? " (part " + (i + 1) + " of " + operands.size() + ")" : "";
						queries.add(new Query(origin + " alert " + rule.get("alert") + part, operands.get(i)));
					}
				}
			}
		}
		return queries;
	}

	private static Map<String, Object> read(Path file) {
		try {
			Object content = new Yaml().load(Files.readString(file));
			return (content instanceof Map<?, ?> map) ? cast(map) : Map.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Map<String, Object>> maps(Object list) {
		if (!(list instanceof List<?> items)) {
			return List.of();
		}
		return items.stream().filter(Map.class::isInstance).map((item) -> cast((Map<?, ?>) item)).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

}
