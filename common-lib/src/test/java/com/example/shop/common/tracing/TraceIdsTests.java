package com.example.shop.common.tracing;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request the service did not trace itself (refused before its observation started) is
 * named by its caller's trace, taken from a valid W3C {@code traceparent} only; without
 * one nothing is named.
 */
class TraceIdsTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Test
	void readsTheTraceIdOfAValidTraceparent() {
		assertThat(TraceIds.fromTraceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-01")).isEqualTo(TRACE_ID);
	}

	@Test
	void ignoresATraceparentThatIsNotValid() {
		assertThat(TraceIds.fromTraceparent(null)).isNull();
		assertThat(TraceIds.fromTraceparent("garbage")).isNull();
		assertThat(TraceIds.fromTraceparent("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).isNull();
		assertThat(TraceIds.fromTraceparent("00-" + TRACE_ID.toUpperCase() + "-00f067aa0ba902b7-01")).isNull();
		// Nothing that could smuggle text into a header or a hand-written JSON body.
		assertThat(TraceIds.fromTraceparent("00-" + TRACE_ID + "\"}-00f067aa0ba902b7-01")).isNull();
	}

	@Test
	void namesAnUntracedRequestByItsCallersTrace() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
		request.addHeader(TraceIds.TRACEPARENT, "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
		MockHttpServletResponse response = new MockHttpServletResponse();

		new TraceIdFilter().doFilter(request, response, new MockFilterChain());

		assertThat(response.getHeaders(TraceIds.HEADER)).containsExactly(TRACE_ID);
	}

	@Test
	void namesNoTraceForARequestOutsideAnyTrace() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		new TraceIdFilter().doFilter(new MockHttpServletRequest("GET", "/api/orders"), response, new MockFilterChain());

		assertThat(response.containsHeader(TraceIds.HEADER)).isFalse();
	}

}
