package com.example.shop.common.test;

import java.sql.Connection;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

@SpringJUnitConfig(SharedTestSupportTests.Empty.class)
@UsePostgres
@UseTestJwtIssuer
class SharedTestSupportTests {

	@Autowired
	private Environment environment;

	@Test
	void bothAnnotationsTogetherGiveAFreshPostgresDatabaseAndTheTestIssuer() throws Exception {
		String url = this.environment.getRequiredProperty("spring.datasource.url");
		assertThat(url).startsWith("jdbc:postgresql:").contains("_test_");
		try (Connection connection = DriverManager.getConnection(url,
				this.environment.getProperty("spring.datasource.username"),
				this.environment.getProperty("spring.datasource.password"))) {
			assertThat(connection.isValid(2)).isTrue();
		}
		assertThat(this.environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
			.isEqualTo(TestJwtIssuer.shared().jwkSetUri());
		assertThat(this.environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
			.isEqualTo(TestJwtIssuer.shared().issuer());
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
