package com.example.shop.order.order.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import com.example.shop.common.problem.ProblemExceptionHandler;
import com.example.shop.common.problem.ProblemTypes;

/**
 * The one exception handler of order-service. Domain failures are
 * {@link com.example.shop.common.problem.ProblemException}s and need nothing here; a
 * missing header is reported like any other invalid field.
 */
@RestControllerAdvice
class OrderExceptionHandler extends ProblemExceptionHandler {

	@Override
	protected @Nullable ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex instanceof MissingRequestHeaderException missingHeader) {
			ProblemDetail problem = ex.getBody();
			problem.setType(ProblemTypes.VALIDATION);
			problem.setTitle("Invalid request");
			problem.setDetail("The " + missingHeader.getHeaderName() + " header is required.");
			problem.setProperty("errors", List.of(Map.of("field", missingHeader.getHeaderName(), "message",
					"is required (1 to 100 characters, a new value for every new order)")));
			return handleExceptionInternal(ex, problem, headers, status, request);
		}
		return super.handleServletRequestBindingException(ex, headers, status, request);
	}

}
