package com.example.shop.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Finds settings in a config repository that hold a secret in plain text: a key whose
 * last segment ends in {@code password}, {@code secret}, {@code token} or {@code key}
 * (any case; {@code client-secret}, {@code api-key}, but not {@code key-file} or
 * {@code access-token-ttl}) with a value that is neither {@code {cipher}...} nor an
 * environment placeholder ({@code ${NAME}} or {@code ${NAME:}}, optionally after
 * {@code {noop}}). A placeholder with a non-empty default is a plain-text secret too.
 */
final class PlainTextSecrets {

	private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|key)");

	private static final Pattern SAFE_VALUE = Pattern
		.compile("\\{cipher}\\S+|(\\{noop})?\\$\\{[A-Za-z_][A-Za-z0-9_.-]*:?}");

	private PlainTextSecrets() {
	}

	/**
	 * Every plain-text secret in every file under the folder.
	 * @param folder the repository's folder
	 * @return one line per finding: {@code file: key}
	 */
	static List<String> in(Path folder) {
		List<String> findings = new ArrayList<>();
		try (Stream<Path> files = Files.walk(folder)) {
			files.filter(Files::isRegularFile).sorted().forEach((file) -> flatten(file).forEach((key, value) -> {
				if (isPlainTextSecret(key, value)) {
					findings.add(folder.relativize(file) + ": " + key);
				}
			}));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return findings;
	}

	static boolean isPlainTextSecret(String key, @Nullable Object value) {
		String last = key.substring(key.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
		if (!SECRET_KEY.matcher(last).matches() || value == null) {
			return false;
		}
		String text = value.toString().strip();
		return !text.isEmpty() && !SAFE_VALUE.matcher(text).matches();
	}

	/**
	 * The file's settings as flat keys ({@code a.b[0].c}), all YAML documents of the file
	 * together; a {@code .properties} file is read as such.
	 */
	static Map<String, @Nullable Object> flatten(Path file) {
		Map<String, @Nullable Object> flat = new java.util.LinkedHashMap<>();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".properties")) {
				Properties properties = new Properties();
				properties.load(reader);
				properties.forEach((key, value) -> flat.put(key.toString(), value));
				return flat;
			}
			Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
			for (Object document : yaml.loadAll(reader)) {
				flatten("", document, flat);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(file + " is not valid YAML: " + ex.getMessage(), ex);
		}
		return flat;
	}

	private static void flatten(String prefix, @Nullable Object node, Map<String, @Nullable Object> flat) {
		if (node instanceof Map<?, ?> map) {
			map.forEach(
					(key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, flat));
		}
		else if (node instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(prefix + "[" + i + "]", list.get(i), flat);
			}
		}
		else if (!prefix.isEmpty()) {
			flat.put(prefix, node);
		}
	}

}
