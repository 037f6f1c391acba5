package com.example.shop.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the system's only public entry, the gateway: gets tokens from auth-service
 * through it and calls the APIs with them.
 */
final class Gateway {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String baseUrl;

	Gateway(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * A client-credentials token from auth-service, requested through the gateway.
	 */
	String token(String clientId, String secret, String... scopes) {
		String form = "grant_type=client_credentials&scope="
				+ URLEncoder.encode(String.join(" ", scopes), StandardCharsets.UTF_8);
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		Response response = send(request);
		if (response.status() != 200) {
			throw new IllegalStateException("No token for " + clientId + ": " + response);
		}
		return response.json().get("access_token").asString();
	}

	Call get(String path) {
		return new Call("GET", path);
	}

	Call post(String path) {
		return new Call("POST", path);
	}

	Call put(String path) {
		return new Call("PUT", path);
	}

	private static Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Location").orElse(null), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** One request being built. */
	final class Call {

		private final String method;

		private final String path;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private String body = "";

		private Call(String method, String path) {
			this.method = method;
			this.path = path;
		}

		Call token(String token) {
			this.headers.put("Authorization", "Bearer " + token);
			return this;
		}

		/** HTTP basic credentials (config-service's users). */
		Call basic(String user, String password) {
			this.headers.put("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
			return this;
		}

		Call header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		Call json(Object body) {
			return rawJson(Gateway.json.writeValueAsString(body));
		}

		/** A form body ({@code application/x-www-form-urlencoded}), already encoded. */
		Call form(String body) {
			this.headers.put("Content-Type", "application/x-www-form-urlencoded");
			this.body = body;
			return this;
		}

		Call rawJson(String body) {
			this.headers.put("Content-Type", "application/json");
			this.body = body;
			return this;
		}

		Response send() {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Gateway.this.baseUrl + this.path))
				.timeout(Duration.ofSeconds(30))
				.method(this.method, this.body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(this.body));
			this.headers.forEach(request::header);
			return Gateway.send(request.build());
		}

	}

	/** What the gateway answered. */
	record Response(int status, String contentType, @Nullable String location, String body, HttpHeaders headers) {

		/** The first value of a header, if the answer has it. */
		@Nullable String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		JsonNode json() {
			return Gateway.json.readTree(this.body);
		}

		boolean isProblem() {
			return this.contentType.startsWith("application/problem+json");
		}

		@Override
		public String toString() {
			return this.status + " " + this.contentType + " " + this.body;
		}

	}

}
