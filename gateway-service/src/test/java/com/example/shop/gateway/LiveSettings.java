package com.example.shop.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.example.shop.common.test.TestJwtIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A settings file the gateway under test imports
 * ({@code spring.config.import=optional:file:<path>}), which a test rewrites and then
 * reloads with {@code POST /actuator/refresh}, as an operator would change config-repo
 * and refresh. Written with generous defaults, so that only what a test sets limits it.
 */
final class LiveSettings {

	private static final Map<String, String> DEFAULTS = Map.ofEntries(
			Map.entry("shop.gateway.rate-limit.api.replenish-rate", "1000"),
			Map.entry("shop.gateway.rate-limit.api.burst-capacity", "1000"),
			Map.entry("shop.gateway.rate-limit.api.requested-tokens", "1"),
			Map.entry("shop.gateway.rate-limit.token.replenish-rate", "1000"),
			Map.entry("shop.gateway.rate-limit.token.burst-capacity", "1000"),
			Map.entry("shop.gateway.rate-limit.token.requested-tokens", "1"),
			Map.entry("shop.gateway.max-request-body", "64KB"),
			Map.entry("shop.gateway.circuit-breaker.time-limit", "5s"));

	private final Path file;

	/**
	 * A settings file with the defaults, at a path relative to the module (the working
	 * directory of the tests).
	 * @param path the path the test's {@code spring.config.import} names
	 */
	LiveSettings(String path) {
		this.file = Path.of(path);
		write(Map.of());
	}

	/**
	 * Rewrites the file: the defaults with these settings over them.
	 * @param settings property names and values
	 */
	void write(Map<String, String> settings) {
		Map<String, String> all = new LinkedHashMap<>(DEFAULTS);
		all.putAll(settings);
		String properties = all.entrySet()
			.stream()
			.map((setting) -> setting.getKey() + "=" + setting.getValue())
			.collect(Collectors.joining("\n", "", "\n"));
		try {
			Files.createDirectories(this.file.toAbsolutePath().getParent());
			Files.writeString(this.file, properties);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Has the gateway reload its settings, as an operator does.
	 * @param client a client of the gateway
	 * @return the names of the properties that changed
	 */
	static String refresh(WebTestClient client) {
		String changed = client.post()
			.uri("/actuator/refresh")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwtIssuer.shared().token("ops-client", "ops"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(changed).as("answer of the refresh endpoint").startsWith("[");
		return changed;
	}

}
