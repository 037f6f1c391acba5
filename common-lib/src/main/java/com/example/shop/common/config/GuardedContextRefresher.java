package com.example.shop.common.config;

import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration.RefreshProperties;
import org.springframework.cloud.context.refresh.ConfigDataContextRefresher;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Cloud's refresher (behind {@code /actuator/refresh} and the bus), with one
 * guard: a refresh while config-service does not answer changes nothing.
 * <p>
 * A refresh builds the environment again from every source, config-service included. When
 * config-service does not answer, Spring Cloud's refresher behaves by profile: with
 * {@code spring.cloud.config.fail-fast} (the docker profile) the refresh fails with an
 * error naming config-service's URL; without it, the property sources served before stay.
 * Here both do the same: the settings in use stay as they are, one WARN names
 * config-service's URL, and the refresh reports no changed key.
 */
class GuardedContextRefresher extends ConfigDataContextRefresher {

	private static final Log logger = LogFactory.getLog(GuardedContextRefresher.class);

	private final ConfigServerGuard guard;

	GuardedContextRefresher(ConfigurableApplicationContext context, RefreshScope scope, RefreshProperties properties) {
		super(context, scope, properties);
		this.guard = new ConfigServerGuard(context.getEnvironment());
	}

	@Override
	public synchronized Set<String> refreshEnvironment() {
		if (this.guard.settingsCameFromConfigServer()) {
			String url = this.guard.url().orElse(null);
			if (url != null && !this.guard.answers(url)) {
				logger.warn("Refresh skipped: config-service at " + url
						+ " does not answer; the settings it served before stay in use");
				return Set.of();
			}
		}
		return super.refreshEnvironment();
	}

}
