package com.example.shop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tokens made by the test itself with auth-service's real signing key (read from the key
 * file auth-service keeps in its data directory), so that a token can be exactly like one
 * auth-service issued except for one claim or header: whatever a service then refuses,
 * that one difference is the reason. Uses the JDK only (RS256 is SHA-256 with RSA over
 * the encoded header and claims).
 */
final class ForgedTokens {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Base64.Encoder base64Url = Base64.getUrlEncoder().withoutPadding();

	private final PrivateKey signingKey;

	private final PrivateKey otherKey;

	private ForgedTokens(PrivateKey signingKey, PrivateKey otherKey) {
		this.signingKey = signingKey;
		this.otherKey = otherKey;
	}

	/**
	 * Finds the key that signed {@code issued} among the PEM files of auth-service's data
	 * directory: the one whose RFC 7638 thumbprint is the token's {@code kid}. A rotation
	 * earlier in the run may have left more than one file there.
	 * @param authDataDir auth-service's data directory
	 * @param issued a token auth-service just issued
	 * @return tokens signed with that key
	 */
	static ForgedTokens signingLike(Path authDataDir, String issued) {
		String kid = header(issued).get("kid").asString();
		try (Stream<Path> files = Files.list(authDataDir)) {
			List<Path> pems = files.filter((file) -> file.toString().endsWith(".pem")).sorted().toList();
			for (Path pem : pems) {
				RSAPrivateCrtKey key = readPkcs8(pem);
				if (thumbprint(key).equals(kid)) {
					KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
					generator.initialize(2048);
					return new ForgedTokens(key, generator.generateKeyPair().getPrivate());
				}
			}
			throw new IllegalStateException("No key file in " + authDataDir + " has the kid " + kid + ": " + pems);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code issued} with its claims changed and signed again with the real key, under
	 * the real key's {@code kid}. With no change at all the result must be accepted
	 * wherever {@code issued} is.
	 */
	String resign(String issued, Consumer<ObjectNode> change) {
		return sign(header(issued), changed(issued, change), this.signingKey);
	}

	/**
	 * {@code issued} with its claims changed, under the real key's {@code kid} but signed
	 * by a key auth-service never had.
	 */
	String signWithAnotherKey(String issued, Consumer<ObjectNode> change) {
		return sign(header(issued), changed(issued, change), this.otherKey);
	}

	/** {@code issued}'s claims under {@code "alg":"none"}, with an empty signature. */
	static String unsigned(String issued) {
		ObjectNode header = header(issued);
		header.put("alg", "none");
		return encode(header) + "." + issued.split("\\.")[1] + ".";
	}

	static ObjectNode header(String token) {
		return part(token, 0);
	}

	static ObjectNode claims(String token) {
		return part(token, 1);
	}

	private static ObjectNode changed(String issued, Consumer<ObjectNode> change) {
		ObjectNode claims = claims(issued);
		change.accept(claims);
		return claims;
	}

	private static ObjectNode part(String token, int index) {
		return (ObjectNode) json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
	}

	private static String sign(ObjectNode header, ObjectNode claims, PrivateKey key) {
		String signingInput = encode(header) + "." + encode(claims);
		try {
			Signature rs256 = Signature.getInstance("SHA256withRSA");
			rs256.initSign(key);
			rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + base64Url.encodeToString(rs256.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(ObjectNode node) {
		return base64Url.encodeToString(json.writeValueAsBytes(node));
	}

	private static RSAPrivateCrtKey readPkcs8(Path pem) throws IOException, GeneralSecurityException {
		String base64 = Files.readString(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "");
		byte[] der = Base64.getMimeDecoder().decode(base64);
		return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
	}

	/** RFC 7638: SHA-256 over the required members of the public JWK, in order. */
	private static String thumbprint(RSAPrivateCrtKey key) throws GeneralSecurityException {
		String jwk = "{\"e\":\"" + magnitude(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
				+ magnitude(key.getModulus()) + "\"}";
		return base64Url
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
	}

	private static String magnitude(BigInteger value) {
		byte[] bytes = value.toByteArray();
		// BigInteger adds a leading zero byte to keep a positive number positive.
		return base64Url.encodeToString((bytes[0] == 0) ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
	}

}
