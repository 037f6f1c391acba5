package com.example.shop.common.problem;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Makes every error of a servlet service a problem: a default exception handler when the
 * service declares none, and an error controller in place of Spring Boot's
 * {@code BasicErrorController}, and on Tomcat an error report valve that answers with a
 * problem where Tomcat would write its HTML error page.
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.dao.DataAccessException",
			"org.springframework.transaction.CannotCreateTransactionException" })
	static class DatabaseProblemsConfiguration {

		@Bean
		DatabaseUnavailableHandler databaseUnavailableHandler() {
			return new DatabaseUnavailableHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, ConfigurableTomcatWebServerFactory.class })
	static class TomcatErrorReportConfiguration {

		@Bean
		ProblemErrorReportValveCustomizer problemErrorReportValveCustomizer() {
			return new ProblemErrorReportValveCustomizer();
		}

	}

	/**
	 * Puts {@link ProblemErrorReportValve} in place of the HTML error report valve that
	 * Spring Boot adds to Tomcat's host; runs after Spring Boot's own customizer.
	 */
	static class ProblemErrorReportValveCustomizer
			implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
					for (Valve valve : host.getPipeline().getValves()) {
						if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
							host.getPipeline().removeValve(valve);
						}
					}
					host.getPipeline().addValve(new ProblemErrorReportValve());
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	@RestControllerAdvice
	static class DefaultProblemExceptionHandler extends ProblemExceptionHandler {

	}

}
