package com.example.shop.common.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.common.problem.ProblemAutoConfiguration;
import com.example.shop.common.problem.ProblemTypes;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RequestBodyLimitAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, ProblemAutoConfiguration.class, RequestBodyLimitAutoConfiguration.class))
		.withUserConfiguration(SampleConfiguration.class)
		.withPropertyValues("shop.http.max-request-body=100B");

	@Test
	void refusesABodyWhoseLengthIsOverTheLimitBeforeReadingIt() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("\"" + "a".repeat(200) + "\""))
				.andExpect(status().isPayloadTooLarge())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value(ProblemTypes.PAYLOAD_TOO_LARGE.toString()))
				.andExpect(jsonPath("$.detail").value("The request body is larger than 100 bytes."))
				// Refused in front of Spring Security's filter chain, with its headers
				// all the same.
				.andExpect(header().string("X-Content-Type-Options", "nosniff"))
				.andExpect(header().string("X-Frame-Options", "DENY"));
		});
	}

	@Test
	void refusesAChunkedBodyOnceItPassesTheLimit() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).with((request) -> chunked(request, 200)))
				.andExpect(status().isPayloadTooLarge())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value(ProblemTypes.PAYLOAD_TOO_LARGE.toString()));
		});
	}

	@Test
	void letsABodyWithinTheLimitThrough() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).with((request) -> chunked(request, 50)))
				.andExpect(status().isOk());
		});
	}

	private static MockMvc mvc(org.springframework.web.context.WebApplicationContext context) {
		RequestBodyLimitFilter filter = context.getBean("requestBodyLimitFilter", FilterRegistrationBean.class)
			.getFilter() instanceof RequestBodyLimitFilter limit ? limit : null;
		return MockMvcBuilders.webAppContextSetup(context).addFilters(filter).build();
	}

	/** A body without Content-Length, as a chunked request arrives. */
	private static MockHttpServletRequest chunked(MockHttpServletRequest request, int characters) {
		byte[] body = ("\"" + "a".repeat(characters) + "\"").getBytes();
		InputStream in = new ByteArrayInputStream(body);
		return new MockHttpServletRequest(request.getServletContext(), request.getMethod(), request.getRequestURI()) {

			{
				setContentType(request.getContentType());
			}

			@Override
			public ServletInputStream getInputStream() {
				return new DelegatingServletInputStream(in);
			}

			@Override
			public long getContentLengthLong() {
				return -1;
			}

			@Override
			public int getContentLength() {
				return -1;
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	static class SampleConfiguration {

		@Bean
		EchoController echoController() {
			return new EchoController();
		}

	}

	@RestController
	static class EchoController {

		@PostMapping("/echo")
		String echo(@RequestBody String body) throws IOException {
			return body;
		}

	}

}
