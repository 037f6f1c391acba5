package com.example.shop.gateway;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.RequestBodySpec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service's endpoints for browsers and OpenID Connect clients through the gateway:
 * the authorization-code flow with its login form and session cookie, logout, userinfo,
 * revocation and introspection. All are public at the gateway; auth-service (here a
 * WireMock stand-in) authenticates their callers.
 */
class AuthRoutesTest extends GatewayTestSupport {

	private static final String SESSION_COOKIE = "JSESSIONID=5A1E2B; Path=/; HttpOnly; SameSite=Lax";

	private static final String LOGIN_PAGE_POLICY = "default-src 'none'; style-src 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	/** Routes where auth-service keeps a signed-in user's session in a cookie. */
	private static final Set<String> LOGIN_FLOW_ROUTES = Set.of("auth-login", "auth-login-flow");

	@Autowired
	GatewayProperties gateway;

	@ParameterizedTest
	@CsvSource({ "GET, /oauth2/authorize?response_type=code&client_id=web&code_challenge=x", "GET, /login",
			"POST, /login", "POST, /logout", "GET, /connect/logout?id_token_hint=x", "POST, /connect/logout",
			"GET, /userinfo", "POST, /oauth2/revoke", "POST, /oauth2/introspect", "GET, /default-ui.css" })
	void routesEachEndpointToAuthServiceWithoutATokenAndWithoutCheckingCsrf(String method, String pathAndQuery) {
		Backends.AUTH.stubFor(any(anyUrl()).willReturn(aResponse().withBody("from auth-service")));

		RequestBodySpec request = this.client.method(HttpMethod.valueOf(method)).uri(pathAndQuery);
		if (method.equals("POST")) {
			request.contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("token=abc");
		}
		request.exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("from auth-service");

		Backends.AUTH.verify(anyRequestedFor(urlEqualTo(pathAndQuery)));
		assertThat(Backends.AUTH.getAllServeEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getRequest().getMethod().getName()).isEqualTo(method));
	}

	@ParameterizedTest
	@CsvSource({ "GET, /oauth2/authorize?response_type=code&client_id=web", "GET, /login", "POST, /login",
			"POST, /logout", "GET, /connect/logout" })
	void passesTheSessionCookieBothWaysOnTheLoginFlow(String method, String pathAndQuery) {
		Backends.AUTH.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302)
			.withHeader(HttpHeaders.LOCATION, "http://localhost/login")
			.withHeader(HttpHeaders.SET_COOKIE, SESSION_COOKIE)));

		this.client.method(HttpMethod.valueOf(method))
			.uri(pathAndQuery)
			.header(HttpHeaders.COOKIE, "JSESSIONID=0LD")
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.valueEquals(HttpHeaders.SET_COOKIE, SESSION_COOKIE);

		Backends.AUTH.verify(
				anyRequestedFor(urlEqualTo(pathAndQuery)).withHeader(HttpHeaders.COOKIE, equalTo("JSESSIONID=0LD")));
	}

	@ParameterizedTest
	@CsvSource({ "POST, /oauth2/token", "GET, /oauth2/jwks", "GET, /.well-known/openid-configuration", "GET, /userinfo",
			"POST, /oauth2/revoke", "POST, /oauth2/introspect", "GET, /default-ui.css" })
	void dropsCookiesOnAuthServiceEndpointsOutsideTheLoginFlow(String method, String path) {
		Backends.AUTH.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{}")));

		this.client.method(HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.COOKIE, "JSESSIONID=0LD")
			.exchange()
			.expectStatus()
			.isOk();

		Backends.AUTH.verify(anyRequestedFor(urlEqualTo(path)).withoutHeader(HttpHeaders.COOKIE));
	}

	@Test
	void dropsCookiesOnEveryRouteButTheLoginFlows() {
		List<RouteDefinition> routes = this.gateway.getRoutes();

		assertThat(routes).extracting(RouteDefinition::getId).containsAll(LOGIN_FLOW_ROUTES);
		assertThat(routes).filteredOn((route) -> !LOGIN_FLOW_ROUTES.contains(route.getId()))
			.isNotEmpty()
			.allSatisfy((route) -> assertThat(route.getFilters()).as(route.getId())
				.anyMatch(AuthRoutesTest::removesCookies));
		assertThat(routes).filteredOn((route) -> LOGIN_FLOW_ROUTES.contains(route.getId()))
			.allSatisfy((route) -> assertThat(route.getFilters()).as(route.getId())
				.noneMatch(AuthRoutesTest::removesCookies));
		assertThat(this.gateway.getDefaultFilters()).noneMatch(AuthRoutesTest::removesCookies);
	}

	@Test
	void tellsAuthServiceTheSchemeHostAndPortTheBrowserUsed() {
		Backends.AUTH.stubFor(get(urlEqualTo("/oauth2/authorize?client_id=web"))
			.willReturn(aResponse().withStatus(302).withHeader(HttpHeaders.LOCATION, "http://localhost/login")));

		this.client.get().uri("/oauth2/authorize?client_id=web").exchange().expectStatus().isFound();

		Backends.AUTH.verify(getRequestedFor(urlEqualTo("/oauth2/authorize?client_id=web"))
			.withHeader("X-Forwarded-Proto", equalTo("http"))
			.withHeader("X-Forwarded-Host", equalTo("localhost:" + this.port))
			.withHeader("X-Forwarded-Port", equalTo(Integer.toString(this.port))));
	}

	@Test
	void keepsTheLoginPagesOwnContentSecurityPolicyAndAddsTheOtherSecurityHeaders() {
		Backends.AUTH.stubFor(
				get("/login").willReturn(aResponse().withHeader(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_HTML_VALUE)
					.withHeader("Content-Security-Policy", LOGIN_PAGE_POLICY)
					.withBody("<!doctype html><form method=\"post\" action=\"/login\"></form>")));

		this.client.get()
			.uri("/login")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.values("Content-Security-Policy", (values) -> assertThat(values).containsExactly(LOGIN_PAGE_POLICY))
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader()
			.doesNotExist("Strict-Transport-Security");
	}

	@Test
	void letsAuthServiceJudgeTheBearerTokenOfAUserinfoRequest() {
		// A token the gateway would refuse on /api/** (not even a JWT): userinfo is
		// auth-service's to answer.
		Backends.AUTH.stubFor(get("/userinfo").willReturn(aResponse().withStatus(401)
			.withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")));

		this.client.get()
			.uri("/userinfo")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");

		Backends.AUTH.verify(getRequestedFor(urlEqualTo("/userinfo")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer not-a-jwt")));
	}

	private static boolean removesCookies(FilterDefinition filter) {
		Map<String, String> args = filter.getArgs();
		return filter.getName().equals("RemoveRequestHeader") && args.containsValue(HttpHeaders.COOKIE);
	}

}
