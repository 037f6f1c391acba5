package com.example.shop.common.config;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Says once, when the service is ready, that it runs on its packaged settings because
 * config-service did not answer at start (the import is optional: a local run works
 * without it; the docker profile fails fast instead).
 */
class PackagedDefaultsNotice implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(PackagedDefaultsNotice.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
		ConfigServerGuard guard = new ConfigServerGuard(environment);
		guard.url()
			.filter((url) -> environment.getProperty("spring.cloud.config.enabled", Boolean.class, true))
			.filter((url) -> !guard.settingsCameFromConfigServer())
			.ifPresent((url) -> logger.warn("config-service at " + url
					+ " did not serve this service's settings at start: running on the packaged defaults "
					+ "(application.yml and shop-common.yml) until a refresh reaches it"));
	}

}
