package com.example.shop.system;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenID Connect provider that is not auth-service, shaped like a Keycloak realm: its
 * issuer is {@code <base>/realms/shop}, it serves discovery, its keys at
 * {@code .../protocol/openid-connect/certs} and a client-credentials token endpoint at
 * {@code .../protocol/openid-connect/token}, and its tokens look like Keycloak's (a
 * space-separated {@code scope} string, {@code azp}, {@code typ}, a random {@code sub}
 * with the name in {@code preferred_username}, its own key and key id). The audience of
 * each token comes from its scopes, as an Audience mapper per client scope would set it
 * (docs/security.md, another identity provider).
 */
final class ExternalProvider implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Map<String, String> AUDIENCE_BY_SCOPE_FAMILY = Map.of("orders", "order-service", "inventory",
			"inventory-service");

	private final RSAKey key;

	private final HttpServer server;

	private final String issuer;

	private final Map<String, String> clientSecrets;

	ExternalProvider(Map<String, String> clientSecrets) {
		this.clientSecrets = Map.copyOf(clientSecrets);
		try {
			this.key = new RSAKeyGenerator(2048).keyID("realm-key-" + UUID.randomUUID()).generate();
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.issuer = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/realms/shop";
		String realm = "/realms/shop";
		this.server.createContext(realm + "/.well-known/openid-configuration",
				(exchange) -> answer(exchange, 200, discovery()));
		this.server.createContext(realm + "/protocol/openid-connect/certs",
				(exchange) -> answer(exchange, 200, new JWKSet(this.key.toPublicJWK()).toJSONObject()));
		this.server.createContext(realm + "/protocol/openid-connect/token", this::token);
		this.server.start();
	}

	/**
	 * The {@code iss} of every token: what the services' {@code shop.auth.issuer} is set
	 * to.
	 */
	String issuer() {
		return this.issuer;
	}

	/**
	 * The realm's OpenID Connect endpoints: what the services' {@code shop.auth.url} is
	 * set to.
	 */
	String endpoints() {
		return this.issuer + "/protocol/openid-connect";
	}

	/** A person's token, as the realm issues it to a browser app after login. */
	String userToken(String username, String... scopes) {
		return sign("user-" + UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)), username, "shop-web",
				List.of(scopes));
	}

	private void token(HttpExchange exchange) throws IOException {
		String[] credentials = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		if (credentials == null || !credentials[1].equals(this.clientSecrets.get(credentials[0]))) {
			answer(exchange, 401, Map.of("error", "invalid_client"));
			return;
		}
		if (!"client_credentials".equals(form.get("grant_type"))) {
			answer(exchange, 400, Map.of("error", "unsupported_grant_type"));
			return;
		}
		List<String> scopes = Arrays.asList(form.getOrDefault("scope", "").split(" "));
		String serviceAccount = "service-account-" + credentials[0];
		answer(exchange, 200,
				Map.of("access_token", sign(UUID.randomUUID().toString(), serviceAccount, credentials[0], scopes),
						"token_type", "Bearer", "expires_in", 300, "scope", String.join(" ", scopes)));
	}

	private String sign(String subject, String username, String authorizedParty, List<String> scopes) {
		Instant now = Instant.now();
		List<String> audience = scopes.stream()
			.map((scope) -> AUDIENCE_BY_SCOPE_FAMILY.get(scope.split(":")[0]))
			.filter((service) -> service != null)
			.distinct()
			.toList();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(subject)
			.audience(audience)
			.claim("typ", "Bearer")
			.claim("azp", authorizedParty)
			.claim("preferred_username", username)
			.claim("scope", String.join(" ", scopes))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private Map<String, Object> discovery() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", this.issuer);
		document.put("jwks_uri", endpoints() + "/certs");
		document.put("token_endpoint", endpoints() + "/token");
		document.put("grant_types_supported", List.of("client_credentials"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256"));
		return document;
	}

	private static String[] basicCredentials(String header) {
		if (header == null || !header.startsWith("Basic ")) {
			return null;
		}
		String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
		int colon = decoded.indexOf(':');
		return (colon < 0) ? null
				: new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
						URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
	}

	private static Map<String, String> form(String body) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
