package com.example.shop.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service over real HTTP, as OAuth2 clients and resource servers use it. The issuer
 * deliberately differs from the address the tests call, as it does behind the gateway.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "shop.auth.issuer=" + AuthorizationServerTests.ISSUER,
				"ORDER_SERVICE_CLIENT_SECRET=" + AuthorizationServerTests.ORDER_SERVICE_SECRET,
				"OPS_CLIENT_SECRET=" + AuthorizationServerTests.OPS_SECRET })
class AuthorizationServerTests extends AuthServerTestSupport {

	static final String ISSUER = "http://issuer.shop.test:9000";

	static final String ORDER_SERVICE_SECRET = "order-service-test-secret";

	static final String OPS_SECRET = "ops-test-secret";

	@Test
	void issuesTheDemoClientAnRs256TokenThatVerifiesAgainstThePublishedKeys() throws Exception {
		HttpResponse<String> response = this.server.requestToken("demo-client", "demo-secret",
				"orders:read inventory:read");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = AuthServer.json(response);
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isBetween(298L, 300L);

		SignedJWT jwt = this.server.verify(body.get("access_token").asString());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(ISSUER);
		assertThat(claims.getSubject()).isEqualTo("demo-client");
		assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("orders:read", "inventory:read");
		assertThat(claims.getAudience()).as("the services its scopes are for")
			.containsExactly("inventory-service", "order-service");
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void acceptsClientCredentialsInTheRequestBody() {
		HttpResponse<String> response = this.server.post("/oauth2/token", Map.of("grant_type", "client_credentials",
				"client_id", "second-client", "client_secret", "second-secret", "scope", "orders:write"), null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(AuthServer.json(response).get("scope").asString()).isEqualTo("orders:write");
	}

	@Test
	void rejectsAScopeTheClientIsNotRegisteredFor() {
		HttpResponse<String> response = this.server.requestToken("second-client", "second-secret",
				"orders:read inventory:write");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(AuthServer.json(response).get("error").asString()).isEqualTo("invalid_scope");
	}

	@Test
	void rejectsAWrongSecretWithInvalidClient() {
		HttpResponse<String> response = this.server.requestToken("demo-client", "not-the-secret", "orders:read");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(AuthServer.json(response).get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void rejectsAnUnknownClient() {
		HttpResponse<String> response = this.server.requestToken("intruder", "demo-secret", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(AuthServer.json(response).get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void rejectsATokenRequestWithoutClientCredentials() {
		HttpResponse<String> response = this.server.post("/oauth2/token", Map.of("grant_type", "client_credentials"),
				null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).startsWith("Basic"));
		assertThat(AuthServer.json(response).get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void issuesServiceClientsTokensWithTheSecretsFromTheEnvironment() throws Exception {
		String orderService = this.server.accessToken("order-service", ORDER_SERVICE_SECRET, "inventory:reserve");
		String ops = this.server.accessToken("ops-client", OPS_SECRET, "ops");

		assertThat(this.server.verify(orderService).getJWTClaimsSet().getSubject()).isEqualTo("order-service");
		assertThat(this.server.verify(orderService).getJWTClaimsSet().getStringListClaim("scope"))
			.containsExactly("inventory:reserve");
		assertThat(this.server.verify(ops).getJWTClaimsSet().getStringListClaim("scope")).containsExactly("ops");
		assertThat(this.server.verify(orderService).getJWTClaimsSet().getAudience()).as("for inventory alone")
			.containsExactly("inventory-service");
		assertThat(this.server.verify(ops).getJWTClaimsSet().getAudience()).as("for every service")
			.containsExactlyInAnyOrder("gateway-service", "order-service", "inventory-service", "auth-service");
	}

	@Test
	void neverIssuesATokenForAnEmptySecret() {
		HttpResponse<String> response = this.server.requestToken("order-service", "", "inventory:reserve");

		assertThat(response.statusCode()).isIn(400, 401);
		assertThat(AuthServer.json(response).has("access_token")).isFalse();
		assertThat(AuthServer.json(response).get("error").asString()).isIn("invalid_request", "invalid_client");
	}

	@Test
	void publishesDiscoveryDocumentsNamingTheConfiguredIssuer() {
		for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
			HttpResponse<String> response = this.server.get(path, null);

			assertThat(response.statusCode()).as(path).isEqualTo(200);
			JsonNode metadata = AuthServer.json(response);
			assertThat(metadata.get("issuer").asString()).isEqualTo(ISSUER);
			assertThat(metadata.get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
			assertThat(metadata.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
			assertThat(metadata.get("grant_types_supported").toString()).contains("client_credentials");
		}
	}

	@Test
	void publishesOnlyThePublicHalfOfTheSigningKey() {
		String jwks = this.server.get("/oauth2/jwks", null).body();

		JsonNode key = AuthServer.json(this.server.get("/oauth2/jwks", null)).get("keys").get(0);
		assertThat(key.get("kty").asString()).isEqualTo("RSA");
		assertThat(key.get("kid").asString()).isNotBlank();
		assertThat(key.has("n")).isTrue();
		assertThat(key.has("d")).as("private exponent in %s", jwks).isFalse();
		assertThat(key.has("p")).isFalse();
	}

	@Test
	void answersAnUnknownPathWithANotFoundProblem() {
		String token = this.server.accessToken("ops-client", OPS_SECRET, "ops");

		HttpResponse<String> response = this.server.get("/no/such/path", token);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(AuthServer.json(response).get("type").asString())
			.isEqualTo("https://shop.example.com/problems/not-found");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\"trace\"").doesNotContain("\tat ");
	}

	@Test
	void answersErrorsRaisedOutsideControllersWithAProblemOfTheirOwnStatus() {
		// The authorization endpoint rejects a request without client_id with
		// sendError(400).
		HttpResponse<String> response = this.server.get("/oauth2/authorize?response_type=code", null);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = AuthServer.json(response);
		assertThat(problem.get("type").asString()).isEqualTo("https://shop.example.com/problems/malformed-request");
		assertThat(problem.get("instance").asString()).isEqualTo("/oauth2/authorize");
	}

	@Test
	void answersARequestWithoutTokenWithAnUnauthorizedProblem() {
		HttpResponse<String> response = this.server.get("/no/such/path", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).startsWith("Bearer"));
		assertThat(AuthServer.json(response).get("type").asString())
			.isEqualTo("https://shop.example.com/problems/unauthorized");
	}

	@Test
	void reportsLivenessAndReadinessUpWithoutAToken() {
		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> response = this.server.get(probe, null);

			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(AuthServer.json(response).get("status").asString()).isEqualTo("UP");
		}
		assertThat(this.server.get("/actuator/prometheus", null).body()).contains("application=\"auth-service\"");
	}

	@Test
	void opensOtherActuatorEndpointsOnlyToTheOpsScope() {
		String ops = this.server.accessToken("ops-client", OPS_SECRET, "ops");
		String demo = this.server.accessToken("demo-client", "demo-secret", "orders:read");

		assertThat(this.server.get("/actuator/metrics", null).statusCode()).isEqualTo(401);
		// A valid token of this issuer, but for order-service: not for auth-service.
		HttpResponse<String> otherAudience = this.server.get("/actuator/metrics", demo);
		assertThat(otherAudience.statusCode()).isEqualTo(401);
		assertThat(AuthServer.json(otherAudience).get("type").asString())
			.isEqualTo("https://shop.example.com/problems/unauthorized");
		assertThat(this.server.get("/actuator/metrics", ops).statusCode()).isEqualTo(200);
	}

}
