package com.example.shop.common.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.StreamSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * What a service knows of the config server it imports its settings from
 * ({@code spring.config.import: optional:configserver:<url>}): its URL, whether the
 * current settings came from it, and whether it answers now.
 */
final class ConfigServerGuard {

	private static final Log logger = LogFactory.getLog(ConfigServerGuard.class);

	private static final String PREFIX = "configserver:";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ConfigurableEnvironment environment;

	ConfigServerGuard(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	/** The config server's URL, if the service imports its settings from one. */
	Optional<String> url() {
		String uri = this.environment.getProperty("spring.cloud.config.uri");
		String imports = this.environment.getProperty("spring.config.import", "");
		for (String location : StringUtils.commaDelimitedListToStringArray(imports)) {
			String trimmed = location.trim().replaceFirst("^optional:", "");
			if (trimmed.startsWith(PREFIX)) {
				String url = trimmed.substring(PREFIX.length());
				return Optional
					.of(StringUtils.hasText(url) ? url : (StringUtils.hasText(uri) ? uri : "http://localhost:8888"));
			}
		}
		return Optional.empty();
	}

	/** True if the settings in use now hold what a config server served. */
	boolean settingsCameFromConfigServer() {
		return StreamSupport.stream(this.environment.getPropertySources().spliterator(), false)
			.map(PropertySource::getName)
			.anyMatch((name) -> name.startsWith(PREFIX) || name.equals("configClient"));
	}

	/**
	 * True if the config server answers this service's request for its settings with a
	 * success, within a few seconds.
	 */
	boolean answers(String url) {
		String application = this.environment.getProperty("spring.application.name", "application");
		String[] active = this.environment.getActiveProfiles();
		String profiles = (active.length > 0) ? String.join(",", active) : "default";
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(url.replaceFirst("/$", "") + "/" + application + "/" + profiles))
			.timeout(Duration.ofSeconds(5))
			.GET();
		String username = this.environment.getProperty("spring.cloud.config.username");
		@Nullable String password = this.environment.getProperty("spring.cloud.config.password");
		if (StringUtils.hasText(username) && password != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		try {
			int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			return status >= 200 && status < 300;
		}
		catch (java.io.IOException ex) {
			logger.debug("Config server at " + url + " did not answer", ex);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
