package com.example.shop.system;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.system.Gateway.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People who log in, through the gateway alone, over real HTTP and step by step as the
 * README's curl commands do: the authorization-code flow with PKCE of the browser app's
 * public client, the login form with its CSRF token, the code, the tokens; an order
 * placed with a person's token belongs to that person (its {@code sub}), which neither
 * another person nor a machine client sees; the refresh token gives new access tokens and
 * is used once.
 */
@ExtendWith(ShopSystem.Extension.class)
class UserLoginSystemTest {

	static final String REDIRECT_URI = "http://127.0.0.1:8400/callback";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aPersonLogsInAndOwnsTheOrdersTheirTokenPlaces(ShopSystem system, Gateway gateway) {
		LoginFlow alice = new LoginFlow(system.gatewayUrl(), REDIRECT_URI);
		JsonNode tokens = alice.tokens(alice.code("alice", "alice-password"));
		String aliceToken = tokens.get("access_token").asString();
		assertThat(claims(aliceToken).get("sub").asString()).isEqualTo("alice");
		assertThat(tokens.get("id_token").asString()).isNotBlank();

		String stock = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "inventory:write");
		String sku = TestData.newItem(gateway, stock, 5);
		Response placed = TestData.placeOrder(gateway, aliceToken, "login-" + sku, Map.of(sku, 1));
		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
		String order = "/api/orders/" + placed.json().get("id").asString();

		assertThat(gateway.get(order).token(aliceToken).send().status()).isEqualTo(200);
		String demoClient = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "orders:read");
		assertThat(gateway.get(order).token(demoClient).send().status()).isEqualTo(404);
		assertThat(gateway.get("/api/orders?size=100").token(demoClient).send().body())
			.doesNotContain(placed.json().get("id").asString());
		LoginFlow bob = new LoginFlow(system.gatewayUrl(), REDIRECT_URI);
		String bobToken = bob.tokens(bob.code("bob", "bob-password")).get("access_token").asString();
		assertThat(gateway.get(order).token(bobToken).send().status()).isEqualTo(404);
		assertThat(gateway.post(order + "/cancel").token(bobToken).send().status()).isEqualTo(404);
	}

	@Test
	void theRefreshTokenGivesANewAccessTokenOnce(ShopSystem system, Gateway gateway) {
		LoginFlow flow = new LoginFlow(system.gatewayUrl(), REDIRECT_URI);
		String refreshToken = flow.tokens(flow.code("alice", "alice-password")).get("refresh_token").asString();

		HttpResponse<String> refreshed = flow.refresh(refreshToken);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		String accessToken = json.readTree(refreshed.body()).get("access_token").asString();
		assertThat(claims(accessToken).get("sub").asString()).isEqualTo("alice");
		assertThat(gateway.get("/api/orders").token(accessToken).send().status()).isEqualTo(200);

		HttpResponse<String> again = flow.refresh(refreshToken);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(400);
		assertThat(json.readTree(again.body()).get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void aCodeNeedsItsVerifierAndIsSpentByItsFirstExchange(ShopSystem system) {
		LoginFlow flow = new LoginFlow(system.gatewayUrl(), REDIRECT_URI);
		String code = flow.code("bob", "bob-password");

		HttpResponse<String> wrongVerifier = flow.exchange(code, LoginFlow.randomString(48));
		HttpResponse<String> rightVerifier = flow.exchange(code, flow.verifier);
		HttpResponse<String> again = flow.exchange(code, flow.verifier);

		assertThat(wrongVerifier.statusCode()).isEqualTo(400);
		assertThat(json.readTree(wrongVerifier.body()).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(rightVerifier.statusCode()).as(rightVerifier.body()).isEqualTo(200);
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(json.readTree(again.body()).get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void aWrongPasswordOrAnUnknownUserGetsTheSameAnswerAndNoCode(ShopSystem system) {
		for (String[] credentials : new String[][] { { "alice", "wrong-password" },
				{ "nobody-" + UUID.randomUUID(), "alice-password" } }) {
			LoginFlow flow = new LoginFlow(system.gatewayUrl(), REDIRECT_URI);
			assertThat(flow.get(flow.authorizeUrl()).statusCode()).isEqualTo(302);
			String loginPage = system.gatewayUrl() + "/login";
			String csrf = LoginFlow.csrfToken(flow.get(loginPage).body());

			HttpResponse<String> login = flow.post(loginPage,
					Map.of("username", credentials[0], "password", credentials[1], "_csrf", csrf), Map.of());

			assertThat(login.statusCode()).isEqualTo(302);
			assertThat(LoginFlow.location(login)).isEqualTo(loginPage + "?error");
		}
	}

	@Test
	void theLoginFormNeedsItsCsrfTokenAndThePageAStrictPolicy(ShopSystem system) {
		LoginFlow flow = new LoginFlow(system.gatewayUrl(), REDIRECT_URI);
		flow.get(flow.authorizeUrl());
		HttpResponse<String> page = flow.get(system.gatewayUrl() + "/login");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).contains("default-src 'none'").contains("frame-ancestors 'none'"));
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		// The one thing the policy lets the page load: its style sheet, from the gateway.
		assertThat(page.body()).contains("href=\"/default-ui.css\"");
		HttpResponse<String> style = flow.get(system.gatewayUrl() + "/default-ui.css");
		assertThat(style.statusCode()).isEqualTo(200);
		assertThat(style.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/css"));

		HttpResponse<String> withoutCsrf = flow.post(system.gatewayUrl() + "/login",
				Map.of("username", "alice", "password", "alice-password"), Map.of());

		assertThat(withoutCsrf.statusCode()).isEqualTo(403);
	}

	@Test
	void theReadmeCurlFlowLogsInAndGetsTokens(ShopSystem system) throws Exception {
		String readme = Files.readString(system.root().resolve("README.md"));
		int marker = readme.indexOf("<!-- login-flow: UserLoginSystemTest runs this block -->");
		assertThat(marker).as("the README's login flow block").isPositive();
		int start = readme.indexOf("```bash\n", marker) + "```bash\n".length();
		String script = readme.substring(start, readme.indexOf("```", start));
		Path file = Files.createTempFile("readme-login-flow", ".sh");
		Files.writeString(file, "set -euo pipefail\n" + script);

		ProcessBuilder command = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
		command.environment().put("GW", system.gatewayUrl());
		Process bash = command.start();
		bash.getOutputStream().close();
		String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(bash.waitFor()).as(output).isZero();
		Files.delete(file);

		String[] lines = output.strip().split("\n");
		String refreshed = lines[lines.length - 1];
		assertThat(claims(refreshed).get("sub").asString()).isEqualTo("alice");
		assertThat(output).contains("\"content\"");
	}

	private static JsonNode claims(String jwt) {
		String payload = jwt.split("\\.")[1];
		return json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
	}

}
