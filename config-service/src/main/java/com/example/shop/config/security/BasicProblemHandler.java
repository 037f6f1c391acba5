package com.example.shop.config.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.example.shop.common.problem.ProblemTypes;
import com.example.shop.common.tracing.TraceIdFilter;
import com.example.shop.common.tracing.TraceIds;

/**
 * Answers missing or wrong credentials (401, with the {@code WWW-Authenticate: Basic}
 * challenge) and a user without the needed role (403) with a problem body, like every
 * other service of the system.
 */
class BasicProblemHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String REALM = "config-service";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
		write(request, response, HttpStatus.UNAUTHORIZED, "Valid credentials are required: they are missing or wrong.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		write(request, response, HttpStatus.FORBIDDEN, "This user may not use this operation.");
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		// Written by hand: nothing of the request is echoed (a trace id is
		// hex), so nothing needs escaping. Spring MVC's advice never sees this
		// answer: the traceId is added here.
		String traceId = TraceIdFilter.traceId(request);
		response.getWriter()
			.write("{\"type\":\"" + ProblemTypes.forStatus(status) + "\",\"title\":\"" + status.getReasonPhrase()
					+ "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\""
					+ ((traceId != null) ? ",\"" + TraceIds.PROBLEM_MEMBER + "\":\"" + traceId + "\"" : "") + "}");
	}

}
