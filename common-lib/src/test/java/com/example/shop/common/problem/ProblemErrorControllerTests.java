package com.example.shop.common.problem;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemErrorControllerTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ProblemErrorController()).build();

	@Test
	void answersAContainerErrorDispatchWithAProblemForTheOriginalPath() throws Exception {
		this.mvc
			.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 413)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/orders"))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "payload-too-large"))
			.andExpect(jsonPath("$.instance").value("/api/orders"));
	}

	@Test
	void sendsTheSecurityHeadersWithAnErrorTheContainerRaisedBeforeSpringSecurityRan() throws Exception {
		// Tomcat refuses a TRACE itself and forwards its 405 here.
		this.mvc
			.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 405)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/orders"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "method-not-allowed"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"));
	}

	@Test
	void answersAnErrorWithoutStatusAsAnInternalError() throws Exception {
		this.mvc.perform(get("/error"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "internal-error"));
	}

}
