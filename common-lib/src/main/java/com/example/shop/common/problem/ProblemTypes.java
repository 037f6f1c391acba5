package com.example.shop.common.problem;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Stable {@code type} URIs of the problems the services answer with. Clients may switch
 * on them; each one is described in {@code docs/problems.md}.
 */
public final class ProblemTypes {

	/** Prefix shared by every problem type of this system. */
	public static final String BASE = "https://shop.example.com/problems/";

	public static final URI NOT_FOUND = of("not-found");

	public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");

	public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");

	public static final URI NOT_ACCEPTABLE = of("not-acceptable");

	public static final URI MALFORMED_REQUEST = of("malformed-request");

	public static final URI VALIDATION = of("validation");

	public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");

	public static final URI UNAUTHORIZED = of("unauthorized");

	public static final URI FORBIDDEN = of("forbidden");

	public static final URI CONFLICT = of("conflict");

	public static final URI TOO_MANY_REQUESTS = of("too-many-requests");

	public static final URI BAD_GATEWAY = of("bad-gateway");

	public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");

	public static final URI GATEWAY_TIMEOUT = of("gateway-timeout");

	public static final URI INTERNAL = of("internal-error");

	private ProblemTypes() {
	}

	/**
	 * The type URI for a slug such as {@code insufficient-stock}.
	 * @param slug the last path segment of the type
	 * @return the type URI
	 */
	public static URI of(String slug) {
		return URI.create(BASE + slug);
	}

	/**
	 * The type that fits a status when no more specific one applies.
	 * @param status the HTTP status
	 * @return the type URI
	 */
	public static URI forStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> MALFORMED_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 409 -> CONFLICT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 422 -> VALIDATION;
			case 429 -> TOO_MANY_REQUESTS;
			case 502 -> BAD_GATEWAY;
			case 503 -> SERVICE_UNAVAILABLE;
			case 504 -> GATEWAY_TIMEOUT;
			default -> INTERNAL;
		};
	}

	/**
	 * A problem with the given fields and a type chosen from the status.
	 * @param status the HTTP status
	 * @param detail the explanation for this occurrence, safe to show a client
	 * @return the problem
	 */
	public static ProblemDetail problem(HttpStatusCode status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(forStatus(status));
		return problem;
	}

}
