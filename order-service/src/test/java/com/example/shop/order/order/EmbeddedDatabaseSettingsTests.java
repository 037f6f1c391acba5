package com.example.shop.order.order;

import java.io.IOException;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local default database keeps every acknowledged commit when the process is killed:
 * H2 must write each commit to its file before the commit returns ({@code WRITE_DELAY=0};
 * with H2's default of 500 ms, confirmed orders vanished after a SIGKILL).
 * inventory-service's {@code EmbeddedDatabaseDurabilityTests} kills a writer on the same
 * setting to prove that it holds; this test keeps the setting in order-service's URL.
 */
class EmbeddedDatabaseSettingsTests {

	@Test
	void theEmbeddedDatabaseWritesEveryCommitBeforeAcknowledgingIt() throws IOException {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yml"));
		Properties properties = yaml.getObject();

		assertThat(properties).isNotNull();
		assertThat(properties.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:")
			.contains(";WRITE_DELAY=0");
	}

}
