package com.example.shop.common.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.shop.common.problem.ProblemTypes;
import com.example.shop.common.problem.RequestBodyTooLargeException;
import com.example.shop.common.problem.SecurityHeaders;
import com.example.shop.common.tracing.TraceIdFilter;
import com.example.shop.common.tracing.TraceIds;

/**
 * Refuses request bodies larger than a limit with a 413 problem: at once when the
 * {@code Content-Length} says so, and while the body is read when it comes in chunks. The
 * gateway has a lower limit of its own; this one protects a service that is called
 * directly.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long limit;

	public RequestBodyLimitFilter(long limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > this.limit) {
			refuse(request, response);
			return;
		}
		chain.doFilter((length >= 0) ? request : new LimitedRequest(request, this.limit), response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpStatus status = HttpStatus.PAYLOAD_TOO_LARGE;
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		// Answered before Spring Security's filter chain, which would add these.
		SecurityHeaders.addMissing(response);
		// Written by hand: nothing of the request is echoed (a trace id is checked hex),
		// so
		// no escaping is needed.
		String traceId = TraceIdFilter.traceId(request);
		response.getWriter()
			.write("{\"type\":\"" + ProblemTypes.PAYLOAD_TOO_LARGE + "\",\"title\":\"" + status.getReasonPhrase()
					+ "\",\"status\":" + status.value() + ",\"detail\":\"" + detail(this.limit) + "\""
					+ ((traceId != null) ? ",\"" + TraceIds.PROBLEM_MEMBER + "\":\"" + traceId + "\"" : "") + "}");
	}

	/**
	 * What a client is told.
	 * @param limit the limit in bytes
	 * @return the detail of the 413 problem
	 */
	public static String detail(long limit) {
		return "The request body is larger than " + limit + " bytes.";
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private @Nullable ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int value = this.delegate.read();
			if (value != -1) {
				count(1);
			}
			return value;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.delegate.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void count(int bytes) throws IOException {
			this.read += bytes;
			if (this.read > this.limit) {
				throw new RequestBodyTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
