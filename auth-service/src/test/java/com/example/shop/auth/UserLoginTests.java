package com.example.shop.auth;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signing in for the browser app {@code shop-web} over real HTTP, step by step
 * as a browser would: the authorization request with PKCE, the login page, the code, the
 * tokens and their refresh. The issuer differs from the address the tests call, as it
 * does behind the gateway.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "shop.auth.issuer=" + UserLoginTests.ISSUER,
		"ORDER_SERVICE_CLIENT_SECRET=order-service-secret", "OPS_CLIENT_SECRET=ops-secret" })
class UserLoginTests extends AuthServerTestSupport {

	static final String ISSUER = "http://issuer.shop.test:9000";

	static final String LOGIN_PAGE_POLICY = "default-src 'none'; style-src 'self'; "
			+ "form-action 'self' http://127.0.0.1:*; frame-ancestors 'none'; base-uri 'none'";

	private static final SecureRandom random = new SecureRandom();

	Browser browser;

	/** Where the app listens for the code: a loopback address on a port of its own. */
	String redirectUri;

	String verifier;

	@BeforeEach
	void start() throws IOException {
		this.browser = new Browser();
		this.redirectUri = "http://127.0.0.1:" + freePort() + "/callback";
		this.verifier = randomValue();
	}

	@Test
	void signsAUserInWithPkceAndIssuesTokensInTheirName() throws Exception {
		HttpResponse<String> authorize = this.browser.get(authorizationRequest("state-1"));
		assertThat(authorize.statusCode()).isEqualTo(302);
		URI loginPage = Browser.location(authorize);
		assertThat(loginPage).isEqualTo(URI.create(this.server.url("/login")));

		HttpResponse<String> page = this.browser.get(loginPage.toString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(LOGIN_PAGE_POLICY);
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.body()).contains("<form", "action=\"/login\"", "name=\"username\"", "name=\"password\"");

		HttpResponse<String> login = this.browser.postForm(loginPage.toString(),
				Map.of("username", "alice", "password", "alice-password", "_csrf", Browser.csrfToken(page)));
		assertThat(login.statusCode()).isEqualTo(302);
		URI backToAuthorize = Browser.location(login);
		assertThat(backToAuthorize.getPath()).isEqualTo("/oauth2/authorize");

		HttpResponse<String> code = this.browser.get(backToAuthorize.toString());
		assertThat(code.statusCode()).isEqualTo(302);
		Map<String, String> callback = query(Browser.location(code));
		assertThat(Browser.location(code).toString()).startsWith(this.redirectUri + "?");
		assertThat(callback).containsEntry("state", "state-1").containsKey("code").doesNotContainKey("error");

		HttpResponse<String> tokens = exchange(callback.get("code"), this.verifier);
		assertThat(tokens.statusCode()).isEqualTo(200);
		JsonNode body = AuthServer.json(tokens);
		assertThat(body.get("scope").asString().split(" ")).containsExactlyInAnyOrder("openid", "profile",
				"orders:read", "orders:write");

		JWTClaimsSet access = this.server.verify(body.get("access_token").asString()).getJWTClaimsSet();
		assertThat(access.getSubject()).isEqualTo("alice");
		assertThat(access.getIssuer()).isEqualTo(ISSUER);
		assertThat(access.getAudience()).as("the services its scopes are for (openid: /userinfo)")
			.containsExactlyInAnyOrder("order-service", "auth-service");
		assertThat(access.getStringListClaim("scope")).containsExactlyInAnyOrder("openid", "profile", "orders:read",
				"orders:write");

		HttpResponse<String> userInfo = this.server.get("/userinfo", body.get("access_token").asString());
		assertThat(userInfo.statusCode()).isEqualTo(200);
		assertThat(AuthServer.json(userInfo).get("sub").asString()).isEqualTo("alice");

		JWTClaimsSet id = this.server.verify(body.get("id_token").asString()).getJWTClaimsSet();
		assertThat(id.getSubject()).isEqualTo("alice");
		assertThat(id.getAudience()).as("an ID token is for the client").containsExactly("shop-web");
		assertThat(id.getIssuer()).isEqualTo(ISSUER);

		String refreshToken = body.get("refresh_token").asString();
		HttpResponse<String> refreshed = refresh(refreshToken);
		assertThat(refreshed.statusCode()).isEqualTo(200);
		JsonNode renewed = AuthServer.json(refreshed);
		JWTClaimsSet renewedAccess = this.server.verify(renewed.get("access_token").asString()).getJWTClaimsSet();
		assertThat(renewedAccess.getSubject()).isEqualTo("alice");
		assertThat(renewedAccess.getAudience()).containsExactlyInAnyOrder("order-service", "auth-service");
		assertThat(renewedAccess.getJWTID()).isNotEqualTo(access.getJWTID());
		String rotated = renewed.get("refresh_token").asString();
		assertThat(rotated).as("a new refresh token with every refresh").isNotEqualTo(refreshToken);

		HttpResponse<String> again = refresh(rotated);
		assertThat(again.statusCode()).as("the current refresh token works").isEqualTo(200);
		String current = AuthServer.json(again).get("refresh_token").asString();

		HttpResponse<String> replayed = refresh(refreshToken);
		assertThat(replayed.statusCode()).as("a rotated-out refresh token").isEqualTo(400);
		assertThat(AuthServer.json(replayed).get("error").asString()).isEqualTo("invalid_grant");
		HttpResponse<String> afterReplay = refresh(current);
		assertThat(afterReplay.statusCode()).as("a replay ends the whole authorization").isEqualTo(400);
		assertThat(AuthServer.json(afterReplay).get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void answersAWrongPasswordAndAnUnknownUserAlike() {
		HttpResponse<String> wrongPassword = signIn(new Browser(), "alice", "bob-password");
		HttpResponse<String> unknownUser = signIn(new Browser(), "mallory", "bob-password");

		for (HttpResponse<String> failed : List.of(wrongPassword, unknownUser)) {
			assertThat(failed.statusCode()).isEqualTo(302);
			assertThat(Browser.location(failed)).isEqualTo(URI.create(this.server.url("/login?error")));
		}
		assertThat(unknownUser.headers().map().keySet()).isEqualTo(wrongPassword.headers().map().keySet());

		Browser browser = new Browser();
		HttpResponse<String> failed = signIn(browser, "mallory", "mallory-password");
		HttpResponse<String> errorPage = browser.get(Browser.location(failed).toString());
		assertThat(errorPage.body()).contains("Invalid credentials").doesNotContain("mallory");
		// Not signed in: the authorization request goes back to the login page, no code.
		HttpResponse<String> authorize = browser.get(authorizationRequest("state-2"));
		assertThat(Browser.location(authorize)).isEqualTo(URI.create(this.server.url("/login")));
	}

	@Test
	void refusesALoginWithoutTheCsrfToken() {
		this.browser.get(authorizationRequest("state-3"));
		this.browser.get(this.server.url("/login"));

		HttpResponse<String> login = this.browser.postForm(this.server.url("/login"),
				Map.of("username", "alice", "password", "alice-password"));

		assertThat(login.statusCode()).isEqualTo(403);
		assertThat(login.headers().firstValue("Location")).isEmpty();
		assertThat(Browser.location(this.browser.get(authorizationRequest("state-3"))))
			.isEqualTo(URI.create(this.server.url("/login")));
	}

	@Test
	void refusesACodeWithTheWrongVerifier() {
		String code = signInForCode("alice", "alice-password");

		HttpResponse<String> tokens = exchange(code, randomValue());

		assertThat(tokens.statusCode()).isEqualTo(400);
		assertThat(AuthServer.json(tokens).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(tokens.body()).doesNotContain("access_token");
	}

	@Test
	void refusesAnAuthorizationRequestWithoutCodeChallenge() {
		String request = UriComponentsBuilder.fromUriString(authorizationRequest("state-4"))
			.replaceQueryParam("code_challenge")
			.replaceQueryParam("code_challenge_method")
			.build()
			.toUriString();

		HttpResponse<String> response = this.browser.get(request);

		assertThat(response.statusCode()).isEqualTo(302);
		Map<String, String> callback = query(Browser.location(response));
		assertThat(callback).containsEntry("error", "invalid_request")
			.containsEntry("state", "state-4")
			.doesNotContainKey("code");
	}

	@Test
	void neverRedirectsToAnUnregisteredRedirectUri() {
		for (String unregistered : List.of("https://attacker.example/callback",
				"http://127.0.0.1:" + this.port + "/other", "http://127.0.0.2/callback", "http://localhost/callback")) {
			String request = UriComponentsBuilder.fromUriString(authorizationRequest("state-5"))
				.replaceQueryParam("redirect_uri", unregistered)
				.build()
				.toUriString();

			HttpResponse<String> response = this.browser.get(request);

			assertThat(response.statusCode()).as(unregistered).isEqualTo(400);
			assertThat(response.headers().firstValue("Location")).as(unregistered).isEmpty();
		}
	}

	@Test
	void buildsTheLoginRedirectsFromTheGatewaysForwardedHeaders() {
		Browser viaGateway = new Browser().with("X-Forwarded-Proto", "https")
			.with("X-Forwarded-Host", "shop.example.test")
			.with("X-Forwarded-Port", "8443")
			.with("X-Forwarded-Prefix", "/auth");

		HttpResponse<String> authorize = viaGateway.get(authorizationRequest("state-6"));
		assertThat(Browser.location(authorize)).isEqualTo(URI.create("https://shop.example.test:8443/auth/login"));

		HttpResponse<String> page = viaGateway.get(this.server.url("/login"));
		assertThat(page.body()).contains("action=\"/auth/login\"", "href=\"/auth/default-ui.css\"");
		HttpResponse<String> login = viaGateway.postForm(this.server.url("/login"),
				Map.of("username", "bob", "password", "bob-password", "_csrf", Browser.csrfToken(page)));
		URI backToAuthorize = Browser.location(login);
		assertThat(backToAuthorize.getScheme() + "://" + backToAuthorize.getAuthority() + backToAuthorize.getPath())
			.isEqualTo("https://shop.example.test:8443/auth/oauth2/authorize");

		// The gateway strips its prefix before passing the request on.
		HttpResponse<String> code = viaGateway
			.get(this.server.url(backToAuthorize.getRawPath().substring(5) + "?" + backToAuthorize.getRawQuery()));
		Map<String, String> callback = query(Browser.location(code));
		assertThat(callback).containsKey("code").containsEntry("state", "state-6");
		HttpResponse<String> tokens = exchange(callback.get("code"), this.verifier);
		assertThat(this.server.verify(AuthServer.json(tokens).get("access_token").asString()))
			.satisfies((jwt) -> assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("bob"));
	}

	@Test
	void acceptsTheLoopbackRedirectUriOnAnyPort() throws IOException {
		for (int i = 0; i < 2; i++) {
			this.browser = new Browser();
			this.redirectUri = "http://127.0.0.1:" + freePort() + "/callback";

			String code = signInForCode("bob", "bob-password");

			assertThat(exchange(code, this.verifier).statusCode()).as(this.redirectUri).isEqualTo(200);
		}
	}

	@Test
	void keepsTheUsersRefreshTokenToShopWeb() {
		JsonNode tokens = AuthServer.json(exchange(signInForCode("alice", "alice-password"), this.verifier));
		String refreshToken = tokens.get("refresh_token").asString();

		// A confidential client with valid credentials presenting shop-web's refresh
		// token.
		HttpResponse<String> otherClient = this.server.post("/oauth2/token",
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
				basic("demo-client", "demo-secret"));
		// A client that may not refresh without a secret.
		HttpResponse<String> withoutSecret = this.server.post("/oauth2/token",
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", "demo-client"), null);

		assertThat(otherClient.statusCode()).isEqualTo(400);
		assertThat(AuthServer.json(otherClient).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(withoutSecret.statusCode()).isEqualTo(401);
		assertThat(AuthServer.json(withoutSecret).get("error").asString()).isEqualTo("invalid_client");
		assertThat(refresh(refreshToken).statusCode()).as("still shop-web's").isEqualTo(200);
	}

	@Test
	void answersAnAuthorizationRequestThatIsNotFromABrowserWithAProblemAndNoSession() {
		HttpResponse<String> response = this.server
			.get(authorizationRequest("state-7").substring(this.server.url("").length()), null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void keepsServingClientCredentialsClientsWithoutASession() {
		HttpResponse<String> response = this.server.requestToken("demo-client", "demo-secret", "orders:read");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(this.server.get("/actuator/health", null).headers().firstValue("Set-Cookie")).isEmpty();
	}

	private String signInForCode(String username, String password) {
		HttpResponse<String> login = signIn(this.browser, username, password);
		HttpResponse<String> code = this.browser.get(Browser.location(login).toString());
		Map<String, String> callback = query(Browser.location(code));
		assertThat(callback).containsKey("code");
		return callback.get("code");
	}

	/** Starts the authorization request, then posts the login form; the answer to it. */
	private HttpResponse<String> signIn(Browser browser, String username, String password) {
		HttpResponse<String> authorize = browser.get(authorizationRequest("state"));
		HttpResponse<String> page = browser.get(Browser.location(authorize).toString());
		return browser.postForm(this.server.url("/login"),
				Map.of("username", username, "password", password, "_csrf", Browser.csrfToken(page)));
	}

	private String authorizationRequest(String state) {
		return UriComponentsBuilder.fromUriString(this.server.url("/oauth2/authorize"))
			.queryParam("response_type", "code")
			.queryParam("client_id", "shop-web")
			.queryParam("scope", "openid profile orders:read orders:write")
			.queryParam("redirect_uri", this.redirectUri)
			.queryParam("state", state)
			.queryParam("code_challenge", challenge(this.verifier))
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUriString();
	}

	private HttpResponse<String> exchange(String code, String verifier) {
		return this.server.post("/oauth2/token", Map.of("grant_type", "authorization_code", "client_id", "shop-web",
				"code", code, "redirect_uri", this.redirectUri, "code_verifier", verifier), null);
	}

	private HttpResponse<String> refresh(String refreshToken) {
		return this.server.post("/oauth2/token",
				Map.of("grant_type", "refresh_token", "client_id", "shop-web", "refresh_token", refreshToken), null);
	}

	private static Map<String, String> query(URI uri) {
		return UriComponentsBuilder.fromUri(uri).build().getQueryParams().toSingleValueMap();
	}

	private static String basic(String clientId, String secret) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	private static String randomValue() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
