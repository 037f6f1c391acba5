package com.example.shop.order.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash stored with an Idempotency-Key: a replay must carry the same lines, in the
 * same order, or it is a different request that reuses the key.
 */
final class RequestFingerprint {

	private RequestFingerprint() {
	}

	static String of(List<OrderView.Line> lines) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (OrderView.Line line : lines) {
				// Separators that cannot occur in a SKU keep "A-1"+"0" apart from "A-10".
				digest.update((line.sku() + '\u0000' + line.quantity() + '\n').getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
