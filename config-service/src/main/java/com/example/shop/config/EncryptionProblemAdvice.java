package com.example.shop.config;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.config.server.encryption.EncryptionController;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import com.example.shop.common.problem.ProblemTypes;

/**
 * Spring Cloud Config's {@code /encrypt} and {@code /decrypt} answer their own failures
 * (text not encrypted with this key, no key for a name, ...) from exception handlers of
 * their own, as {@code {"status":"INVALID","description":"..."}}; this turns those
 * answers into problems like every other error of the system, keeping their status and
 * description.
 */
@RestControllerAdvice(assignableTypes = EncryptionController.class)
class EncryptionProblemAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return returnType.getMethod() != null && returnType.hasMethodAnnotation(ExceptionHandler.class);
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (!(body instanceof Map<?, ?> map) || !(response instanceof ServletServerHttpResponse servlet)) {
			return body;
		}
		HttpStatus status = HttpStatus.resolve(servlet.getServletResponse().getStatus());
		if (status == null || !status.isError()) {
			return body;
		}
		Object description = map.get("description");
		ProblemDetail problem = ProblemTypes.problem(status,
				(description != null) ? description.toString() : status.getReasonPhrase() + ".");
		problem.setInstance(java.net.URI.create(request.getURI().getRawPath()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return problem;
	}

}
