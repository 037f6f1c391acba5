package com.example.shop.inventory;

import com.example.shop.common.test.TestJwtIssuer;

/**
 * Bearer tokens signed by the test issuer, as the clients of this service hold them.
 */
public final class Tokens {

	public static final String READ = "inventory:read";

	public static final String WRITE = "inventory:write";

	public static final String RESERVE = "inventory:reserve";

	private Tokens() {
	}

	/**
	 * An {@code Authorization} header value.
	 * @param scopes the granted scopes
	 * @return {@code Bearer <jwt>}
	 */
	public static String bearer(String... scopes) {
		return "Bearer " + TestJwtIssuer.shared().token("test-client", scopes);
	}

}
