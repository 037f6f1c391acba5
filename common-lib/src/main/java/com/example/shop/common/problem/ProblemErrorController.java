package com.example.shop.common.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatches (errors raised outside a controller, for
 * example by a filter or by Tomcat itself) with a problem instead of Spring Boot's
 * default error JSON.
 */
@RestController
@RequestMapping("${server.error.path:/error}")
public class ProblemErrorController implements ErrorController {

	@RequestMapping
	public ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = status(request);
		// Spring Security's headers are missing when the container refused the request
		// before its filter chain ran (a TRACE, say).
		SecurityHeaders.addMissing(response);
		ProblemDetail problem = ProblemTypes.problem(status, detail(status));
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri != null) {
			problem.setInstance(java.net.URI.create(uri.toString()));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	static String detail(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "No resource exists at this path.";
			case PAYLOAD_TOO_LARGE -> "The request body is too large.";
			case BAD_REQUEST -> "The request could not be understood.";
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large.";
			case URI_TOO_LONG -> "The request URI is too long.";
			default -> (status.is5xxServerError()) ? "The server could not complete the request."
					: status.getReasonPhrase() + ".";
		};
	}

}
