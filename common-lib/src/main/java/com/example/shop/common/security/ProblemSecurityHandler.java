package com.example.shop.common.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.example.shop.common.problem.ProblemTypes;
import com.example.shop.common.tracing.TraceIdFilter;
import com.example.shop.common.tracing.TraceIds;

/**
 * Answers 401 and 403 with a problem body, keeping the {@code WWW-Authenticate} header
 * that RFC 6750 asks for. Written outside Spring MVC, so the problem's {@code traceId} is
 * added here ({@link TraceIds}).
 */
public class ProblemSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler accessDeniedHandler = new BearerTokenAccessDeniedHandler();

	private final JsonMapper jsonMapper;

	public ProblemSecurityHandler(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.entryPoint.commence(request, response, authException);
		write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
				"A valid bearer token is required: it is missing, expired or invalid.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.accessDeniedHandler.handle(request, response, accessDeniedException);
		write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
				"The token does not grant the scope this operation needs.");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ProblemTypes.forStatus(status).toString());
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		String traceId = TraceIdFilter.traceId(request);
		if (traceId != null) {
			problem.put(TraceIds.PROBLEM_MEMBER, traceId);
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.jsonMapper.writeValue(response.getOutputStream(), problem);
	}

}
