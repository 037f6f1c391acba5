package com.example.shop.common.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import com.example.shop.common.tracing.TraceIdFilter;
import com.example.shop.common.tracing.TraceIds;

/**
 * Tomcat's last word on a request, as a problem instead of Tomcat's HTML error page.
 * Errors inside the application are answered by {@link ProblemErrorController}; this
 * valve answers what Tomcat refuses before the application sees it: headers larger than
 * {@code server.max-http-request-header-size}, an encoded slash or another character the
 * connector does not take in a path, a malformed request line.
 * <p>
 * Such a request has no span of this service: the problem and {@code X-Trace-Id} name the
 * caller's trace when the request carried a {@code traceparent} header (the gateway
 * always sends one), and no trace at all otherwise; an id made up here would be found in
 * no log and no trace.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int statusCode = response.getStatus();
		if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(statusCode);
		if (status == null) {
			status = (statusCode < 500) ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
		}
		ProblemDetail problem = ProblemTypes.problem(status, ProblemErrorController.detail(status));
		// Refused before any filter: no span of this service; the caller's trace, if any.
		String traceId = TraceIdFilter.traceId(request);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			SecurityHeaders.addMissing(response);
			if (traceId != null && !response.containsHeader(TraceIds.HEADER)) {
				response.setHeader(TraceIds.HEADER, traceId);
			}
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(json(problem, status, traceId));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot be written: nothing to tell.
		}
	}

	/** Written by hand: the valve runs outside Spring, without a JSON mapper. */
	private static String json(ProblemDetail problem, HttpStatus status, @Nullable String traceId) {
		return "{\"type\":\"" + problem.getType() + "\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + problem.getDetail() + "\""
				+ ((traceId != null) ? ",\"" + TraceIds.PROBLEM_MEMBER + "\":\"" + traceId + "\"" : "") + "}";
	}

}
