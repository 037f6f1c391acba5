package com.example.shop.common.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemExceptionHandlerTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new SampleController())
		.setControllerAdvice(new SampleExceptionHandler())
		.build();

	@Test
	void answersInvalidFieldsWithAValidationProblemListingEachField() throws Exception {
		this.mvc
			.perform(post("/samples").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"count\":0}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "validation"))
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[?(@.field == 'count')].message").exists());
	}

	@Test
	void answersMalformedJsonWithoutLeakingTheParserMessage() throws Exception {
		this.mvc.perform(post("/samples").contentType(MediaType.APPLICATION_JSON).content("{\"name\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "malformed-request"))
			.andExpect(content().string(not(containsString("jackson"))));
	}

	@Test
	void answersAWrongMethodWithItsOwnProblemType() throws Exception {
		this.mvc.perform(post("/samples/conflict"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "method-not-allowed"));
	}

	@Test
	void answersAMalformedPathVariableWithAProblemNamingIt() throws Exception {
		this.mvc.perform(get("/samples/count/abc"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "malformed-request"))
			.andExpect(jsonPath("$.detail").value("The value of 'count' is not valid."));
	}

	@Test
	void keepsTheTypeAndExtensionMembersOfAProblemException() throws Exception {
		this.mvc.perform(get("/samples/conflict"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "sample-conflict"))
			.andExpect(jsonPath("$.title").value("Sample conflict"))
			.andExpect(jsonPath("$.sku").value("A-1"));
	}

	@Test
	void answersAnUnexpectedFailureWithABare500() throws Exception {
		this.mvc.perform(get("/samples/broken"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "internal-error"))
			.andExpect(content().string(not(containsString("secret internal detail"))));
	}

	@RestController
	static class SampleController {

		@PostMapping(path = "/samples", consumes = MediaType.APPLICATION_JSON_VALUE)
		Sample create(@Valid @RequestBody Sample sample) {
			return sample;
		}

		@GetMapping("/samples/conflict")
		Sample conflict() {
			throw new ProblemException(HttpStatus.CONFLICT, "sample-conflict", "Sample conflict", "Taken.").with("sku",
					"A-1");
		}

		@GetMapping("/samples/count/{count}")
		int count(@PathVariable int count) {
			return count;
		}

		@GetMapping("/samples/broken")
		Sample broken() {
			throw new IllegalStateException("secret internal detail");
		}

	}

	@RestControllerAdvice
	static class SampleExceptionHandler extends ProblemExceptionHandler {

	}

	record Sample(@NotBlank String name, @Min(1) int count) {
	}

}
