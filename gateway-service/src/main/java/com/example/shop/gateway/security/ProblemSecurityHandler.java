package com.example.shop.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.access.server.BearerTokenServerAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.example.shop.gateway.problem.ProblemResponses;

/**
 * Answers 401 and 403 with a problem body. Spring Security's bearer-token handlers still
 * set the status and the {@code WWW-Authenticate} header RFC 6750 asks for (with the
 * {@code invalid_token} or {@code insufficient_scope} error); only their empty body is
 * replaced.
 */
@Component
class ProblemSecurityHandler implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private final BearerTokenServerAuthenticationEntryPoint entryPoint = new BearerTokenServerAuthenticationEntryPoint();

	private final BearerTokenServerAccessDeniedHandler accessDeniedHandler = new BearerTokenServerAccessDeniedHandler();

	private final ProblemResponses problems;

	ProblemSecurityHandler(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		return this.entryPoint.commence(headersOnly(exchange), ex)
			.then(this.problems.write(exchange, HttpStatus.UNAUTHORIZED,
					"A valid bearer token is required: it is missing, expired or invalid."));
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return this.accessDeniedHandler.handle(headersOnly(exchange), denied)
			.then(this.problems.write(exchange, HttpStatus.FORBIDDEN,
					"The token does not grant the scope this operation needs."));
	}

	/** Lets a delegate set status and headers but not complete the response. */
	private static ServerWebExchange headersOnly(ServerWebExchange exchange) {
		return exchange.mutate().response(new ServerHttpResponseDecorator(exchange.getResponse()) {

			@Override
			public Mono<Void> setComplete() {
				return Mono.empty();
			}

		}).build();
	}

}
