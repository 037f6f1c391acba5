package com.example.shop.config;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

/**
 * What a config client receives for {@code GET /{application}/{profile}}, read the way
 * the client reads it: the first property source that holds a key wins.
 */
record ConfigEnvironment(JsonNode body) {

	private static final JsonMapper json = JsonMapper.builder().build();

	static ConfigEnvironment fetch(RestClient client, String application, String profile) {
		String body = client.get().uri("/{application}/{profile}", application, profile).retrieve().body(String.class);
		return new ConfigEnvironment(json.readTree(body));
	}

	@Nullable JsonNode property(String key) {
		for (JsonNode source : this.body.get("propertySources")) {
			JsonNode value = source.get("source").get(key);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	String text(String key) {
		JsonNode value = property(key);
		if (value == null) {
			throw new AssertionError("No property source served '" + key + "'; sources: " + sourceNames());
		}
		return value.asString();
	}

	List<String> sourceNames() {
		List<String> names = new ArrayList<>();
		this.body.get("propertySources").forEach((source) -> names.add(source.get("name").asString()));
		return names;
	}

}
