package com.example.shop.common.problem;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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
	void answersAnErrorWithoutStatusAsAnInternalError() throws Exception {
		this.mvc.perform(get("/error"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "internal-error"));
	}

}
