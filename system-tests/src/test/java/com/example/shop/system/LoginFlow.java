package com.example.shop.system;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization-code flow with PKCE of the browser app's public client
 * ({@code shop-web}), through the gateway, as the README shows it with curl: authorize,
 * the login form with its CSRF token, the code, the tokens, the refresh. Each instance is
 * one user agent with its own cookies, following no redirect by itself, so that every
 * step can be checked.
 */
final class LoginFlow {

	static final String CLIENT_ID = "shop-web";

	static final String SCOPES = "openid orders:read orders:write";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	/** What Chromium asks for when it navigates to a page. */
	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private static final SecureRandom random = new SecureRandom();

	private final String gatewayUrl;

	private final String redirectUri;

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	final String verifier = randomString(48);

	final String state = randomString(16);

	LoginFlow(String gatewayUrl, String redirectUri) {
		this.gatewayUrl = gatewayUrl;
		this.redirectUri = redirectUri;
	}

	/** The URL a browser app sends its user to. */
	String authorizeUrl() {
		return this.gatewayUrl + "/oauth2/authorize?"
				+ form(Map.of("response_type", "code", "client_id", CLIENT_ID, "scope", SCOPES, "redirect_uri",
						this.redirectUri, "state", this.state, "code_challenge", challenge(this.verifier),
						"code_challenge_method", "S256"));
	}

	/**
	 * Logs in through the whole flow and returns the code the client receives at its
	 * redirect URI; fails at the first step that answers otherwise than it should.
	 */
	String code(String username, String password) {
		HttpResponse<String> authorize = get(authorizeUrl());
		assertThat(authorize.statusCode()).as("authorize: %s", authorize.body()).isEqualTo(302);
		String loginPage = location(authorize);
		assertThat(loginPage).isEqualTo(this.gatewayUrl + "/login");

		HttpResponse<String> form = get(loginPage);
		assertThat(form.statusCode()).isEqualTo(200);
		// A browser names the page's origin when it posts the form (the login page's
		// referrer policy lets it); the gateway refuses a POST from another origin.
		HttpResponse<String> login = post(loginPage,
				Map.of("username", username, "password", password, "_csrf", csrfToken(form.body())),
				Map.of("Origin", this.gatewayUrl));
		assertThat(login.statusCode()).as("login: %s", login.body()).isEqualTo(302);
		String back = location(login);
		assertThat(back).as("where the login sends the browser").startsWith(this.gatewayUrl + "/oauth2/authorize");

		HttpResponse<String> authorized = get(back);
		assertThat(authorized.statusCode()).as("authorize after login: %s", authorized.body()).isEqualTo(302);
		return codeFrom(location(authorized));
	}

	/** The code and state of the redirect to the client; fails if the state differs. */
	String codeFrom(String redirect) {
		assertThat(redirect).startsWith(this.redirectUri + "?");
		Map<String, String> query = parse(URI.create(redirect).getRawQuery());
		assertThat(query).containsEntry("state", this.state).containsKey("code");
		return query.get("code");
	}

	/**
	 * The token endpoint's answer to the code (public client: no secret, the PKCE
	 * verifier).
	 */
	HttpResponse<String> exchange(String code, String verifier) {
		return post(this.gatewayUrl + "/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", this.redirectUri, "client_id", CLIENT_ID, "code_verifier", verifier), Map.of());
	}

	/** The tokens for a code; fails unless the token endpoint gives them. */
	JsonNode tokens(String code) {
		HttpResponse<String> response = exchange(code, this.verifier);
		assertThat(response.statusCode()).as("token: %s", response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	/** The token endpoint's answer to a refresh token. */
	HttpResponse<String> refresh(String refreshToken) {
		return post(this.gatewayUrl + "/oauth2/token",
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT_ID), Map.of());
	}

	/** A GET as a browser navigates: it asks for a page. */
	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", BROWSER_ACCEPT).GET().build());
	}

	HttpResponse<String> post(String url, Map<String, String> fields, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)));
		headers.forEach(request::header);
		return send(request.build());
	}

	static String csrfToken(String loginPage) {
		Matcher matcher = CSRF.matcher(loginPage);
		assertThat(matcher.find()).as("a CSRF token in the login page:\n%s", loginPage).isTrue();
		return matcher.group(1);
	}

	static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("No Location header"));
	}

	static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String randomString(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.browser.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static Map<String, String> parse(String query) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return values;
	}

}
