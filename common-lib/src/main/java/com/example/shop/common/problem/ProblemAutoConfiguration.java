package com.example.shop.common.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Makes every error of a servlet service a problem: a default exception handler when the
 * service declares none, and an error controller in place of Spring Boot's
 * {@code BasicErrorController}.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public final class ProblemAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	@Bean
	@ConditionalOnMissingBean(ProblemExceptionHandler.class)
	DefaultProblemExceptionHandler defaultProblemExceptionHandler() {
		return new DefaultProblemExceptionHandler();
	}

	@RestControllerAdvice
	static class DefaultProblemExceptionHandler extends ProblemExceptionHandler {

	}

}
