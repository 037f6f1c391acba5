package com.example.shop.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of a running auth-service speaking plain HTTP, as an OAuth2 client or a
 * resource server would.
 */
public final class AuthServer {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public AuthServer(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/** The full URL of a path on this server. */
	public String url(String path) {
		return this.baseUrl + path;
	}

	/**
	 * A client_credentials request authenticated with HTTP basic (client_secret_basic).
	 */
	public HttpResponse<String> requestToken(String clientId, String secret, @Nullable String scope) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		if (scope != null) {
			form.put("scope", scope);
		}
		String credentials = Base64.getEncoder()
			.encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return post("/oauth2/token", form, "Basic " + credentials);
	}

	/** An access token for a client that is expected to get one. */
	public String accessToken(String clientId, String secret, String scope) {
		HttpResponse<String> response = requestToken(clientId, secret, scope);
		if (response.statusCode() != 200) {
			throw new AssertionError("No token for " + clientId + ": " + response.statusCode() + " " + response.body());
		}
		return json(response).get("access_token").asString();
	}

	public HttpResponse<String> post(String path, Map<String, String> form, @Nullable String authorization) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

	public HttpResponse<String> get(String path, @Nullable String bearerToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path));
		if (bearerToken != null) {
			request.header("Authorization", "Bearer " + bearerToken);
		}
		return send(request);
	}

	public JWKSet jwks() {
		try {
			return JWKSet.parse(get("/oauth2/jwks", null).body());
		}
		catch (java.text.ParseException ex) {
			throw new AssertionError("The JWKS is not a JWK set", ex);
		}
	}

	/**
	 * Parses a token and checks its signature against this server's JWKS, as a resource
	 * server does.
	 */
	public SignedJWT verify(String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			RSAKey key = jwks().getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
			if (!jwt.verify(new RSASSAVerifier(key))) {
				throw new AssertionError("The token's signature does not verify against the JWKS");
			}
			return jwt;
		}
		catch (java.text.ParseException | JOSEException | NullPointerException ex) {
			throw new AssertionError("The token cannot be verified against the JWKS: " + ex, ex);
		}
	}

	public static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
