package com.example.shop.auth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as auth-service sees one: it keeps cookies, asks for HTML, and does not
 * follow redirects by itself, so that a test can look at every step of the login flow.
 * Extra headers (the gateway's X-Forwarded-*) go with every request.
 */
final class Browser {

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Map<String, String> headers = new LinkedHashMap<>();

	/** Sends this header with every request from now on. */
	Browser with(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	HttpResponse<String> get(String url) {
		return send(request(url).GET());
	}

	HttpResponse<String> postForm(String url, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		return send(request(url).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(body)));
	}

	/** The hidden CSRF field of a login page. */
	static String csrfToken(HttpResponse<String> loginPage) {
		Matcher matcher = CSRF_INPUT.matcher(loginPage.body());
		if (!matcher.find()) {
			throw new AssertionError("No CSRF field in the login page: " + loginPage.body());
		}
		return matcher.group(1);
	}

	/** Where a redirect sends the browser, resolved against the request it answers. */
	static URI location(HttpResponse<String> response) {
		String location = response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError(
					"No redirect: " + response.statusCode() + " " + response.headers() + " " + response.body()));
		return response.uri().resolve(location);
	}

	private HttpRequest.Builder request(String url) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
		this.headers.forEach(request::header);
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), BodyHandlers.ofString());
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
