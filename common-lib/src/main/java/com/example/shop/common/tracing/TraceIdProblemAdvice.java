package com.example.shop.common.tracing;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds the member {@value TraceIds#PROBLEM_MEMBER} to every {@link ProblemDetail} Spring
 * MVC writes, whichever advice, controller or error controller made it (common-lib's
 * handlers and every service's own): one place instead of one line in each handler. The
 * problems written outside Spring MVC (Spring Security's handlers, the request body
 * limit, Tomcat's error report) add it themselves.
 */
@RestControllerAdvice
public class TraceIdProblemAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servletRequest
				&& (problem.getProperties() == null || !problem.getProperties().containsKey(TraceIds.PROBLEM_MEMBER))) {
			String traceId = TraceIdFilter.traceId(servletRequest.getServletRequest());
			if (traceId != null) {
				problem.setProperty(TraceIds.PROBLEM_MEMBER, traceId);
			}
		}
		return body;
	}

}
