package com.example.shop.common.problem;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An exception that becomes a problem response with a stable type. Services subclass it
 * for their domain failures (for example insufficient stock) and add extension members
 * with {@link #with(String, Object)}.
 */
public class ProblemException extends ErrorResponseException {

	public ProblemException(HttpStatusCode status, String typeSlug, String title, String detail) {
		super(status, problem(status, typeSlug, title, detail), null);
	}

	private static ProblemDetail problem(HttpStatusCode status, String typeSlug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemTypes.of(typeSlug));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * Adds an extension member to the problem body.
	 * @param name the member name
	 * @param value the member value
	 * @return this exception
	 */
	public ProblemException with(String name, @Nullable Object value) {
		getBody().setProperty(name, value);
		return this;
	}

	@Override
	public String getMessage() {
		String detail = getBody().getDetail();
		return (detail != null) ? detail : super.getMessage();
	}

}
