package com.example.shop.order;

import java.util.UUID;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * WireMock stubs that answer the same request differently each time: a service that fails
 * a few times and then recovers.
 */
public final class WireMockAnswers {

	private WireMockAnswers() {
	}

	/**
	 * Stubs a request to get the answers in turn, the last one for good.
	 * @param server where to stub
	 * @param request a new builder of the request to match, for every answer
	 * @param answers the answers, in order
	 */
	public static void inTurn(WireMockServer server, Supplier<MappingBuilder> request,
			ResponseDefinitionBuilder... answers) {
		String scenario = "in-turn-" + UUID.randomUUID();
		for (int i = 0; i < answers.length; i++) {
			ScenarioMappingBuilder step = request.get()
				.inScenario(scenario)
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "answer-" + i)
				.willReturn(answers[i]);
			if (i < answers.length - 1) {
				step = step.willSetStateTo("answer-" + (i + 1));
			}
			server.stubFor(step);
		}
	}

}
