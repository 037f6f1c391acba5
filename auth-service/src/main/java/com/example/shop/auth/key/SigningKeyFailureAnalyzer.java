package com.example.shop.auth.key;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed start caused by the signing key into Spring Boot's short "APPLICATION
 * FAILED TO START" report instead of a stack trace. Registered in
 * {@code META-INF/spring.factories}.
 */
class SigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<SigningKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SigningKeyException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
