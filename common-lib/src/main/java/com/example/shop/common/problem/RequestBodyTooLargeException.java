package com.example.shop.common.problem;

import java.io.IOException;

/**
 * Thrown while a request body is read once it has grown past the service's limit;
 * {@link ProblemExceptionHandler} answers it with a 413 problem, wherever in the reading
 * it surfaces.
 */
public class RequestBodyTooLargeException extends IOException {

	private final long limit;

	public RequestBodyTooLargeException(long limit) {
		super("Request body larger than " + limit + " bytes");
		this.limit = limit;
	}

	/**
	 * The limit that was passed.
	 * @return the largest body accepted, in bytes
	 */
	public long getLimit() {
		return this.limit;
	}

}
