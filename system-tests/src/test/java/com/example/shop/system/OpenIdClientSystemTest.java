package com.example.shop.system;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.system.Gateway.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system as a standard OpenID Connect client sees it, through the gateway alone:
 * {@code openid-client} (OpenID certified) discovers the issuer at the gateway's URL and
 * accepts the document only if the issuer it names is that URL; it then obtains a token
 * with the client-credentials grant at the discovered endpoint, and {@code jose} verifies
 * that token against the discovered JWKS (signature, issuer, audience, expiry). The
 * script lives in {@code src/test/oidc-client/} and runs on the machine's Node.js; its
 * dependencies come from the npm registry, pinned by its {@code package-lock.json}.
 */
@ExtendWith(ShopSystem.Extension.class)
class OpenIdClientSystemTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration NPM_TIMEOUT = Duration.ofMinutes(3);

	private static Path script;

	private final ShopSystem system;

	OpenIdClientSystemTest(ShopSystem system) {
		this.system = system;
	}

	@BeforeAll
	static void installTheClientLibraries() throws IOException, InterruptedException {
		Path source = Path.of("src/test/oidc-client").toAbsolutePath();
		Path work = Path.of("target/oidc-client").toAbsolutePath();
		Files.createDirectories(work);
		for (String file : List.of("package.json", "package-lock.json", "check.mjs")) {
			Files.copy(source.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		Result install = run(work, NPM_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund");
		assertThat(install.exitCode()).as("npm ci\n%s", install.output()).isZero();
		script = work.resolve("check.mjs");
	}

	@Test
	void aStandardClientDiscoversTheIssuerAtTheGatewayAndVerifiesItsTokens() throws Exception {
		String gatewayUrl = this.system.gatewayUrl();

		Result check = run(script.getParent(), Duration.ofMinutes(1), "node", script.toString(), gatewayUrl,
				ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "orders:read orders:write", "order-service");

		assertThat(check.exitCode()).as("openid-client refused the system:\n%s", check.output()).isZero();
		JsonNode result = json.readTree(check.stdout());
		JsonNode metadata = result.get("metadata");
		assertThat(metadata.get("issuer").asString()).isEqualTo(gatewayUrl);
		assertThat(result.get("claims").get("iss").asString()).isEqualTo(gatewayUrl);
		assertThat(result.get("claims").get("sub").asString()).isEqualTo(ShopSystem.DEMO_CLIENT);
		assertThat(result.get("header").get("alg").asString()).isEqualTo("RS256");

		// The token the library obtained and verified is one every service accepts.
		Response orders = new Gateway(gatewayUrl).get("/api/orders").token(result.get("accessToken").asString()).send();
		assertThat(orders.status()).as(orders.toString()).isEqualTo(200);
	}

	@Test
	void everyEndpointOfTheDiscoveryDocumentIsAPublicUrlTheGatewayServes() throws Exception {
		String gatewayUrl = this.system.gatewayUrl();
		Gateway gateway = new Gateway(gatewayUrl);
		JsonNode discovery = gateway.get("/.well-known/openid-configuration").send().json();
		JsonNode oauthMetadata = gateway.get("/.well-known/oauth-authorization-server").send().json();

		List<String> endpoints = new ArrayList<>();
		for (JsonNode document : List.of(discovery, oauthMetadata)) {
			assertThat(document.get("issuer").asString()).isEqualTo(gatewayUrl);
			document.properties().forEach((entry) -> {
				if (entry.getKey().endsWith("_endpoint") || entry.getKey().endsWith("_uri")) {
					endpoints.add(entry.getValue().asString());
				}
			});
		}
		assertThat(endpoints).contains(gatewayUrl + "/oauth2/token", gatewayUrl + "/oauth2/jwks",
				gatewayUrl + "/oauth2/authorize");
		// With a valid token the gateway answers a path it does not route with 404; any
		// other answer to a bare GET is auth-service's own.
		String token = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "orders:read");
		assertThat(gateway.get("/oauth2/not-routed").token(token).send().status()).isEqualTo(404);
		for (String endpoint : endpoints) {
			assertThat(endpoint).as("an endpoint of the discovery documents").startsWith(gatewayUrl + "/");
			Response response = gateway.get(URI.create(endpoint).getPath()).token(token).send();
			assertThat(response.status()).as(endpoint + " " + response).isNotEqualTo(404);
		}
	}

	private static Result run(Path directory, Duration timeout, String... command)
			throws IOException, InterruptedException {
		Path out = Files.createTempFile(directory, "out", ".txt");
		Path err = Files.createTempFile(directory, "err", ".txt");
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " took longer than " + timeout);
		}
		Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
		Files.delete(out);
		Files.delete(err);
		return result;
	}

	private record Result(int exitCode, String stdout, String stderr) {

		String output() {
			return this.stdout + this.stderr;
		}

	}

}
