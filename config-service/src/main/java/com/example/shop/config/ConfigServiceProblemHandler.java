package com.example.shop.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import com.example.shop.common.problem.ProblemExceptionHandler;
import com.example.shop.common.problem.ProblemTypes;

/**
 * The config server's problems on top of the shared ones.
 */
@RestControllerAdvice
class ConfigServiceProblemHandler extends ProblemExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ConfigServiceProblemHandler.class);

	/**
	 * {@code /encrypt} and {@code /decrypt} without a key: Spring Cloud's fail-safe
	 * encryptor throws this. An operator's configuration mistake, not a server failure
	 * worth a stack trace.
	 */
	@ExceptionHandler(UnsupportedOperationException.class)
	ResponseEntity<Object> handleNoKey(UnsupportedOperationException ex, WebRequest request) {
		String path = request.getDescription(false);
		if (!path.startsWith("uri=/encrypt") && !path.startsWith("uri=/decrypt")) {
			return handleUnexpected(ex, request);
		}
		logger.warn("{} without an encryption key: {}", path, ex.getMessage());
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE,
				"No encryption key is installed: set ENCRYPT_KEY or a key store (ENCRYPT_KEYSTORE_*).");
		problem.setType(ProblemTypes.of("no-encryption-key"));
		problem.setTitle("No encryption key");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatus.SERVICE_UNAVAILABLE, request);
	}

}
