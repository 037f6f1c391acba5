package com.example.shop.common.problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception a controller lets through into an
 * {@code application/problem+json} response with a stable type. Each service declares one
 * {@code @RestControllerAdvice} that extends this class (or gets a default one from the
 * auto-configuration); no stack trace or internal message ever reaches a client.
 */
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	/**
	 * Last resort: anything unexpected is logged here and answered with a bare 500
	 * problem.
	 * @param ex the exception
	 * @param request the current request
	 * @return a 500 problem without internal details
	 */
	@ExceptionHandler(Exception.class)
	public ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		logger.error("Unhandled exception while serving {}", request.getDescription(false), ex);
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server could not complete the request.");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setType(ProblemTypes.VALIDATION);
		problem.setTitle("Invalid request");
		problem.setDetail("The request has invalid fields.");
		problem.setProperty("errors",
				ex.getBindingResult().getFieldErrors().stream().map(ProblemExceptionHandler::fieldError).toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setType(ProblemTypes.VALIDATION);
		problem.setTitle("Invalid request");
		List<Map<String, String>> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors body) {
				// A @Valid body validated together with a constrained plain parameter:
				// name its fields.
				body.getFieldErrors().forEach((error) -> errors.add(fieldError(error)));
			}
			else {
				String parameter = String.valueOf(result.getMethodParameter().getParameterName());
				result.getResolvableErrors()
					.forEach((error) -> errors
						.add(Map.of("field", parameter, "message", String.valueOf(error.getDefaultMessage()))));
			}
		}
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyTooLargeException tooLarge = tooLarge(ex);
		if (tooLarge != null) {
			// A body sent in chunks passed the limit while it was read.
			ProblemDetail problem = ProblemTypes.problem(HttpStatus.PAYLOAD_TOO_LARGE,
					"The request body is larger than " + tooLarge.getLimit() + " bytes.");
			return handleExceptionInternal(ex, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
		}
		// The parser's message names internal classes: say only what the client can act
		// on.
		JsonReadFailure failure = JsonReadFailure.of(ex);
		if (failure != null && !failure.field().isEmpty()) {
			// Valid JSON with a field of the wrong type, an unknown field or a null
			// primitive: reported like a Bean Validation error, naming the field.
			ProblemDetail problem = ProblemTypes.problem(status, failure.field() + ": " + failure.message() + ".");
			problem.setType(ProblemTypes.VALIDATION);
			problem.setTitle("Invalid request");
			problem.setProperty("errors", List.of(Map.of("field", failure.field(), "message", failure.message())));
			return handleExceptionInternal(ex, problem, headers, status, request);
		}
		String detail = (failure != null) ? "The request body " + failure.message() + "."
				: "The request body is missing or is not valid JSON.";
		ProblemDetail problem = ProblemTypes.problem(status, detail);
		problem.setTitle("Malformed request");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		ProblemDetail problem = ProblemTypes.problem(status, "The value of '" + name + "' is not valid.");
		problem.setTitle("Malformed request");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		Object problemBody = (body != null) ? body
				: (ex instanceof ErrorResponse errorResponse) ? errorResponse.getBody() : null;
		if (problemBody == null) {
			// Exceptions that carry no problem of their own (conversion and binding
			// failures).
			problemBody = ProblemTypes.problem(statusCode, "The request could not be processed.");
		}
		if (problemBody instanceof ProblemDetail problem && isBlank(problem.getType())) {
			problem.setType(ProblemTypes.forStatus(statusCode));
		}
		return super.handleExceptionInternal(ex, problemBody, headers, statusCode, request);
	}

	private static @Nullable RequestBodyTooLargeException tooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof RequestBodyTooLargeException tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

	private static boolean isBlank(@Nullable URI type) {
		return type == null || "about:blank".equals(type.toString());
	}

	private static Map<String, String> fieldError(FieldError error) {
		return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
	}

}
