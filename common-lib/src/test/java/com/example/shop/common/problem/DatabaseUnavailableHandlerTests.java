package com.example.shop.common.problem;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A database that dropped the connection or cannot be reached gives the client a 503
 * problem with Retry-After, ahead of the service's own catch-all 500; other data access
 * failures are left to the service.
 */
class DatabaseUnavailableHandlerTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, ProblemAutoConfiguration.class))
		.withUserConfiguration(FailingController.class);

	@Test
	void answers503WithRetryAfterWhenTheConnectionWasTerminated() {
		this.contextRunner.run((context) -> mvc(context).perform(get("/terminated"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(ProblemTypes.SERVICE_UNAVAILABLE.toString()))
			.andExpect(jsonPath("$.detail")
				.value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("administrator command")))));
	}

	@Test
	void answers503WhenNoConnectionCanBeHad() {
		this.contextRunner.run((context) -> mvc(context).perform(get("/no-connection"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "1")));
	}

	@Test
	void leavesOtherDataAccessFailuresToTheService() {
		this.contextRunner.run((context) -> mvc(context).perform(get("/version-clash"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.type").value(ProblemTypes.INTERNAL.toString())));
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class FailingController {

		@Bean
		Endpoints endpoints() {
			return new Endpoints();
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/terminated")
		String terminated() {
			throw new DataAccessResourceFailureException(
					"Unable to commit against JDBC Connection; FATAL: terminating connection due to administrator command");
		}

		@GetMapping("/no-connection")
		String noConnection() {
			throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction");
		}

		@GetMapping("/version-clash")
		String versionClash() {
			throw new OptimisticLockingFailureException("row was updated");
		}

	}

}
