package com.example.shop.common.problem;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The response headers Spring Security writes on every answer that passes its filter
 * chain, for the error answers written where it does not: a filter in front of it (the
 * request body limit), the container's error dispatch for a request Tomcat refused itself
 * ({@code TRACE}, say) and Tomcat's error report. A header already set is left as it is.
 */
public final class SecurityHeaders {

	private SecurityHeaders() {
	}

	/**
	 * Adds the headers the response does not have yet.
	 * @param response the error answer being written
	 */
	public static void addMissing(HttpServletResponse response) {
		addIfMissing(response, "X-Content-Type-Options", "nosniff");
		addIfMissing(response, "X-Frame-Options", "DENY");
		addIfMissing(response, "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
		addIfMissing(response, "Pragma", "no-cache");
		addIfMissing(response, "Expires", "0");
	}

	private static void addIfMissing(HttpServletResponse response, String name, String value) {
		if (!response.containsHeader(name)) {
			response.setHeader(name, value);
		}
	}

}
