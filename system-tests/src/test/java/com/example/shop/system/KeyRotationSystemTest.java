package com.example.shop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Base64.Encoder;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.shop.system.Gateway.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/security.md's key rotation on the running system, while tokens are in use:
 * auth-service restarts with a new signing key and the old one as previous; the token
 * issued before keeps working through the gateway and at order-service directly, and the
 * first token of the new key is accepted at once (the services fetch the key set again
 * for a key id they do not know) and places an order end to end.
 */
@ExtendWith(ShopSystem.Extension.class)
class KeyRotationSystemTest {

	private static final String[] SCOPES = { "orders:read", "orders:write", "inventory:read", "inventory:write" };

	@Test
	void tokensOfThePreviousKeyStayValidAndTheNewKeyIsAcceptedAtOnce(ShopSystem system, Gateway gateway) {
		Gateway orderService = new Gateway(system.url("order"));
		String before = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, SCOPES);
		assertThat(gateway.get("/api/orders?size=1").token(before).send().status()).isEqualTo(200);
		Path oldKey = system.dataDir().resolve("auth/signing-key.pem");
		Path newKey = system.dataDir().resolve("auth/next-signing-key.pem");
		writeNewKey(newKey);

		system.restart("auth",
				List.of("--auth.signing.key-file=" + newKey, "--auth.signing.previous-key-files=" + oldKey));
		String after = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, SCOPES);

		assertThat(keyId(after)).isNotEqualTo(keyId(before));
		for (String token : List.of(before, after)) {
			Response throughGateway = gateway.get("/api/orders?size=1").token(token).send();
			Response direct = orderService.get("/api/orders?size=1").token(token).send();
			assertThat(throughGateway.status()).as(throughGateway.toString()).isEqualTo(200);
			assertThat(direct.status()).as(direct.toString()).isEqualTo(200);
		}
		String sku = TestData.newItem(gateway, after, 5);
		Response order = TestData.placeOrder(gateway, after, "rotation-" + sku, Map.of(sku, 1));
		assertThat(order.status()).as(order.toString()).isEqualTo(201);
	}

	private static String keyId(String token) {
		String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
				StandardCharsets.UTF_8);
		return header.replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
	}

	/** A new 2048-bit RSA key as a PKCS#8 PEM file, as the operator makes it. */
	private static void writeNewKey(Path file) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
			String body = pem.encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
			Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n",
					StandardCharsets.US_ASCII);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
