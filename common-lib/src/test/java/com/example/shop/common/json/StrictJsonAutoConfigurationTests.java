package com.example.shop.common.json;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.common.problem.ProblemAutoConfiguration;
import com.example.shop.common.problem.ProblemTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class StrictJsonAutoConfigurationTests {

	private static final String VALID = """
			{"orderId":"%s","note":"gift","express":true,"price":2.5,"lines":[{"sku":"A-1","quantity":2}]}"""
		.formatted(UUID.randomUUID());

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, ValidationAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ProblemAutoConfiguration.class,
				StrictJsonAutoConfiguration.class))
		.withUserConfiguration(SampleConfiguration.class);

	static List<Arguments> refusedBodies() {
		return List.of(
				refused("an unknown field", "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":2}],\"status\":\"CONFIRMED\"}",
						"status", "is not a field of this request"),
				refused("an unknown field in a line", "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":2,\"owner\":\"x\"}]}",
						"lines[0].owner", "is not a field of this request"),
				refused("a fraction for a whole number", "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":1.9}]}",
						"lines[0].quantity", "must be a whole number"),
				refused("a whole number written as a fraction", "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":1.0}]}",
						"lines[0].quantity", "must be a whole number"),
				refused("an exponent for a whole number", "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":1e400}]}",
						"lines[0].quantity", "must be a whole number"),
				refused("a string for a whole number", "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":\"1\"}]}",
						"lines[0].quantity", "must be a whole number"),
				refused("a boolean for a whole number", "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":true}]}",
						"lines[0].quantity", "must be a whole number"),
				refused("a whole number beyond int",
						"{\"lines\":[{\"sku\":\"A-1\",\"quantity\":99999999999999999999}]}", "lines[0].quantity",
						"is out of range"),
				refused("null for a primitive", "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":null}]}",
						"lines[0].quantity", "must be a whole number"),
				refused("a number for a string", "{\"lines\":[{\"sku\":42,\"quantity\":1}]}", "lines[0].sku",
						"must be a string"),
				refused("a boolean for a string", "{\"lines\":[{\"sku\":true,\"quantity\":1}]}", "lines[0].sku",
						"must be a string"),
				refused("an object for a string", "{\"lines\":[{\"sku\":{\"a\":1},\"quantity\":1}]}", "lines[0].sku",
						"must be a string"),
				refused("a number for a boolean", "{\"express\":1,\"lines\":[]}", "express", "must be true or false"),
				refused("a string for a boolean", "{\"express\":\"true\",\"lines\":[]}", "express",
						"must be true or false"),
				refused("a string for a number", "{\"price\":\"2.5\",\"lines\":[]}", "price", "must be a number"),
				refused("a string that is no UUID", "{\"orderId\":\"not-a-uuid\",\"lines\":[]}", "orderId",
						"must be a UUID"),
				refused("an object for a list", "{\"lines\":{\"sku\":\"A-1\",\"quantity\":1}}", "lines",
						"must be an array"),
				refused("a string for a line", "{\"lines\":[\"A-1\"]}", "lines[0]", "must be an object"));
	}

	private static Arguments refused(String name, String body, String field, String message) {
		return Arguments.of(Named.of(name, body), field, message);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedBodies")
	void refusesABodyThatIsNotExactlyOfTheDeclaredTypesNamingTheField(String body, String field, String message) {
		this.contextRunner.run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(post("/samples").contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value(ProblemTypes.VALIDATION.toString()))
				.andExpect(jsonPath("$.detail").value(field + ": " + message + "."))
				.andExpect(jsonPath("$.errors.length()").value(1))
				.andExpect(jsonPath("$.errors[0].field").value(field))
				.andExpect(jsonPath("$.errors[0].message").value(message))
				.andExpect(content().string(not(containsString("jackson"))))
				.andExpect(content().string(not(containsString("Exception"))));
		});
	}

	static List<Arguments> malformedBodies() {
		return List.of(Arguments.of(Named.of("truncated JSON", "{\"lines\":[{\"sku\":\"A-1\",\"quantity\":1")),
				Arguments.of(Named.of("a property given twice", "{\"lines\":[],\"lines\":[]}")),
				Arguments.of(Named.of("a second value after the body", "{\"lines\":[]} {\"lines\":[]}")),
				Arguments.of(Named.of("an array for the body", "[{\"lines\":[]}]")),
				Arguments.of(Named.of("a string for the body", "\"lines\"")),
				Arguments.of(Named.of("deeply nested arrays", "[".repeat(5000) + "]".repeat(5000))),
				Arguments.of(Named.of("deeply nested objects in an unknown field",
						"{\"x\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "}")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedBodies")
	void refusesABodyThatIsNotOneJsonObjectAsMalformed(String body) {
		this.contextRunner.run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(post("/samples").contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").exists())
				.andExpect(content().string(not(containsString("jackson"))))
				.andExpect(content().string(not(containsString("Exception"))));
		});
	}

	@Test
	void acceptsABodyOfExactlyTheDeclaredTypes() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(post("/samples").contentType(MediaType.APPLICATION_JSON).content(VALID))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.lines[0].quantity").value(2))
				.andExpect(jsonPath("$.price").value(2.5));
		});
	}

	@Test
	void leavesTheSharedMapperLenientForReadingOtherServicesAnswers() {
		this.contextRunner.run((context) -> {
			JsonMapper mapper = context.getBean(JsonMapper.class);
			Sample sample = mapper.readValue("{\"lines\":[],\"addedLater\":1}", Sample.class);
			assertThat(sample.lines()).isEmpty();
		});
	}

	@Test
	void backsOffWithoutAWebApplication() {
		new org.springframework.boot.test.context.runner.ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, StrictJsonAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("strictJsonRequestBodies"));
	}

	@Configuration(proxyBeanMethods = false)
	static class SampleConfiguration {

		@Bean
		SampleController sampleController() {
			return new SampleController();
		}

	}

	@RestController
	static class SampleController {

		@PostMapping("/samples")
		Sample create(@Valid @RequestBody Sample sample) {
			return sample;
		}

	}

	record Sample(UUID orderId, String note, Boolean express, Double price, @NotNull List<@Valid Line> lines) {

	}

	record Line(String sku, int quantity) {

	}

}
