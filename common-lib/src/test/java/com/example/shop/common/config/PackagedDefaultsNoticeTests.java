package com.example.shop.common.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that starts while config-service does not answer says so once, with
 * config-service's URL, so that an operator sees it runs on its packaged settings; a
 * service that was served its settings, or that does not use config-service, says
 * nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class PackagedDefaultsNoticeTests {

	private static final String NOTICE = "packaged defaults";

	@Test
	void warnsOnceNamingTheUrlWhenTheConfigServerDidNotAnswerAtStart(CapturedOutput output) throws IOException {
		String url = "http://127.0.0.1:" + closedPort();
		try (ConfigurableApplicationContext service = ConfigClientApplication.start(url)) {
			assertThat(service.getEnvironment().getProperty(ConfigServerStandIn.PROPERTY)).isNull();
		}

		assertThat(notices(output)).singleElement()
			.asString()
			.contains(" WARN ")
			.contains("config-service at " + url + " did not serve this service's settings at start")
			.contains(NOTICE);
	}

	@Test
	void saysNothingWhenTheConfigServerServedTheSettings(CapturedOutput output) {
		try (ConfigServerStandIn server = ConfigServerStandIn.serving("served-1");
				ConfigurableApplicationContext service = ConfigClientApplication.start(server.url())) {
			assertThat(service.getEnvironment().getProperty(ConfigServerStandIn.PROPERTY)).isEqualTo("served-1");
		}

		assertThat(notices(output)).isEmpty();
	}

	@Test
	void saysNothingWhenTheConfigClientIsTurnedOff(CapturedOutput output) throws IOException {
		String url = "http://127.0.0.1:" + closedPort();
		try (ConfigurableApplicationContext service = ConfigClientApplication.start(url,
				"--spring.cloud.config.enabled=false")) {
			assertThat(service.getEnvironment().getProperty(ConfigServerStandIn.PROPERTY)).isNull();
		}

		assertThat(notices(output)).isEmpty();
	}

	private static List<String> notices(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.contains(NOTICE)).toList();
	}

	/** A port on which nothing listens: connections are refused at once. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
