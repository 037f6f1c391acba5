package com.example.shop.auth.key;

import org.jspecify.annotations.Nullable;

/**
 * The signing key cannot be used; carries the action an operator should take, which
 * {@link SigningKeyFailureAnalyzer} prints when the service fails to start.
 */
class SigningKeyException extends RuntimeException {

	private final String action;

	SigningKeyException(String message, String action) {
		this(message, action, null);
	}

	SigningKeyException(String message, String action, @Nullable Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
