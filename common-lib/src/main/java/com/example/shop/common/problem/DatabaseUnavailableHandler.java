package com.example.shop.common.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * A service whose database is unreachable, restarting, or has just dropped the connection
 * (a failover, {@code pg_terminate_backend}) answers 503 with {@code Retry-After}, not
 * 500: the failure is the database's, and the same request may well succeed a moment
 * later. Whether a commit that failed this way was applied is not known, so repeating is
 * only safe where the API makes it so (an order's {@code Idempotency-Key}, a
 * reservation's order id). Runs before the service's own handler, whose catch-all would
 * answer 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableHandler {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

	/** Seconds a client is told to wait: a new connection is usually at hand by then. */
	static final String RETRY_AFTER_SECONDS = "1";

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			QueryTimeoutException.class, CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> handleDatabaseUnavailable(RuntimeException ex, WebRequest request) {
		logger.warn("Database unavailable while serving {}: {}", request.getDescription(false), ex.toString());
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE,
				"The service's database is unavailable right now. Retry the request later; an order with the same "
						+ "Idempotency-Key is never placed twice.");
		problem.setTitle("Service Unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
