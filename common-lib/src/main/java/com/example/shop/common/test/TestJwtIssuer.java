package com.example.shop.common.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
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
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A small OAuth2 token issuer for tests: it signs real RS256 JWTs and serves its public
 * key as a JWK set on a loopback port (and a client-credentials token endpoint for
 * services that call others), so that a service under test validates tokens exactly as in
 * production (signature through JWKS, issuer, audience, expiry). Used through
 * {@link UseTestJwtIssuer}.
 * <p>
 * Unless a test names the audience ({@link #tokenFor}), a token is for every service of
 * the system ({@link #EVERY_SERVICE}), so that tests about other things need not care.
 */
public final class TestJwtIssuer {

	/** The {@code aud} claim of a token whose test does not name one. */
	public static final List<String> EVERY_SERVICE = List.of("gateway-service", "order-service", "inventory-service",
			"auth-service");

	private static @Nullable TestJwtIssuer shared;

	private final RSAKey signingKey;

	private final RSAKey foreignKey;

	private final String issuer;

	private TestJwtIssuer() {
		this.signingKey = generate("test-signing-key");
		this.foreignKey = generate("test-signing-key");
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] jwks = new JWKSet(this.signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/oauth2/jwks", (exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(jwks);
				}
			});
			server.createContext("/oauth2/token", (exchange) -> {
				String clientId = basicAuthUser(exchange.getRequestHeaders().getFirst("Authorization"));
				String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				String[] scopes = formValue(form, "scope").split(" ");
				byte[] answer = ("{\"access_token\":\"" + token(clientId, scopes)
						+ "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"" + String.join(" ", scopes)
						+ "\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, answer.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(answer);
				}
			});
			server.setExecutor(null);
			server.start();
			this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The issuer shared by all tests of this JVM.
	 * @return the issuer
	 */
	public static synchronized TestJwtIssuer shared() {
		if (shared == null) {
			shared = new TestJwtIssuer();
		}
		return shared;
	}

	/**
	 * The {@code iss} claim of every token and the base of the JWKS URL.
	 * @return the issuer URL
	 */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * The URL that serves this issuer's public key.
	 * @return the JWKS URL
	 */
	public String jwkSetUri() {
		return this.issuer + "/oauth2/jwks";
	}

	/**
	 * The client-credentials token endpoint: any client id with any secret (HTTP basic)
	 * gets a valid token with the scopes it asks for.
	 * @return the token URL
	 */
	public String tokenUri() {
		return this.issuer + "/oauth2/token";
	}

	/**
	 * A valid token for five minutes.
	 * @param subject the {@code sub} claim (the client id for client credentials)
	 * @param scopes the granted scopes
	 * @return the serialized JWT
	 */
	public String token(String subject, String... scopes) {
		return tokenFor(EVERY_SERVICE, subject, scopes);
	}

	/**
	 * A valid token for five minutes, for the given services only.
	 * @param audience the {@code aud} claim: the services the token is for
	 * @param subject the {@code sub} claim
	 * @param scopes the granted scopes
	 * @return the serialized JWT
	 */
	public String tokenFor(List<String> audience, String subject, String... scopes) {
		return sign(this.signingKey, this.issuer, audience, subject, Instant.now().plus(Duration.ofMinutes(5)), scopes);
	}

	/**
	 * A token that expired a minute ago.
	 * @param subject the {@code sub} claim
	 * @param scopes the granted scopes
	 * @return the serialized JWT
	 */
	public String expiredToken(String subject, String... scopes) {
		return sign(this.signingKey, this.issuer, EVERY_SERVICE, subject, Instant.now().minus(Duration.ofMinutes(1)),
				scopes);
	}

	/**
	 * A token signed by a key that the JWKS does not publish, with the same key id.
	 * @param subject the {@code sub} claim
	 * @param scopes the granted scopes
	 * @return the serialized JWT
	 */
	public String tokenWithForeignSignature(String subject, String... scopes) {
		return sign(this.foreignKey, this.issuer, EVERY_SERVICE, subject, Instant.now().plus(Duration.ofMinutes(5)),
				scopes);
	}

	/**
	 * A correctly signed token from another issuer.
	 * @param subject the {@code sub} claim
	 * @param scopes the granted scopes
	 * @return the serialized JWT
	 */
	public String tokenFromOtherIssuer(String subject, String... scopes) {
		return sign(this.signingKey, "http://other-issuer.invalid", EVERY_SERVICE, subject,
				Instant.now().plus(Duration.ofMinutes(5)), scopes);
	}

	private static String sign(RSAKey key, String issuer, List<String> audience, String subject, Instant expiresAt,
			String... scopes) {
		Instant issuedAt = expiresAt.minus(Duration.ofMinutes(5));
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience(audience)
			.subject(subject)
			.claim("client_id", subject)
			.claim("scope", List.of(scopes))
			.issueTime(Date.from(issuedAt))
			.notBeforeTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static String basicAuthUser(@Nullable String header) {
		if (header == null || !header.startsWith("Basic ")) {
			return "anonymous";
		}
		String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
		return URLDecoder.decode(decoded.substring(0, Math.max(decoded.indexOf(':'), 0)), StandardCharsets.UTF_8);
	}

	private static String formValue(String form, String name) {
		for (String pair : form.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).equals(name)) {
				return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return "";
	}

	private static RSAKey generate(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
