package com.example.shop.common.tracing;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.server.WebFilter;

/**
 * {@value TraceIds#HEADER} on every response and {@value TraceIds#PROBLEM_MEMBER} in
 * every problem, in servlet services and in the reactive gateway. Without a tracer (as in
 * tests, where Spring Boot switches tracing off unless a test asks for it) requests have
 * no span and neither is written.
 */
@AutoConfiguration
@ConditionalOnClass(io.micrometer.tracing.Tracer.class)
public final class TraceIdAutoConfiguration {

	/** Right after Spring's {@link ServerHttpObservationFilter} (highest + 1). */
	static final int SERVLET_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(ServerHttpObservationFilter.class)
	static class ServletTraceIdConfiguration {

		@Bean
		FilterRegistrationBean<TraceIdFilter> traceIdFilter() {
			FilterRegistrationBean<TraceIdFilter> registration = new FilterRegistrationBean<>(new TraceIdFilter());
			registration.setOrder(SERVLET_ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
			return registration;
		}

		@Bean
		TraceIdProblemAdvice traceIdProblemAdvice() {
			return new TraceIdProblemAdvice();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveTraceIdConfiguration {

		@Bean
		TraceIdWebFilter traceIdWebFilter() {
			return new TraceIdWebFilter();
		}

	}

}
