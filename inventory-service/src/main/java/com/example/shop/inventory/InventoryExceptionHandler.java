package com.example.shop.inventory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
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
 * The one problem handler of this service. Domain failures (unknown item, insufficient
 * stock) are {@code ProblemException}s and need nothing here; this class only adds what
 * the shared base cannot know about.
 */
@RestControllerAdvice
class InventoryExceptionHandler extends ProblemExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(InventoryExceptionHandler.class);

	/**
	 * Request bodies are validated before they reach the database, so a version clash or
	 * a key clash means that another request changed the same row at the same moment (for
	 * example two PUTs creating one new item, or a PUT racing a reservation). Retrying is
	 * safe and will succeed, so the client gets a 409 rather than a 500.
	 * @param ex the exception
	 * @param request the current request
	 * @return a 409 problem
	 */
	@ExceptionHandler({ OptimisticLockingFailureException.class, DataIntegrityViolationException.class })
	ResponseEntity<Object> handleConcurrentChange(RuntimeException ex, WebRequest request) {
		logger.info("Concurrent change while serving {}: {}", request.getDescription(false), ex.getClass().getName());
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.CONFLICT,
				"Another request changed the same resource at the same time; retry the request.");
		problem.setTitle("Concurrent change");
		ResponseEntity<Object> response = handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT,
				request);
		return (response != null) ? response : ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

}
