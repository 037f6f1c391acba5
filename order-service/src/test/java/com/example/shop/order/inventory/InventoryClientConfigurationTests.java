package com.example.shop.order.inventory;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service refuses to start without what it needs to call inventory, instead of
 * accepting orders it can never confirm.
 */
class InventoryClientConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(InventoryClientConfiguration.class, InventoryResilienceConfiguration.class)
		.withConfiguration(
				AutoConfigurations.of(Resilience4JAutoConfiguration.class, ValidationAutoConfiguration.class))
		.withBean(RestClient.Builder.class, RestClient::builder)
		.withBean(OAuth2AuthorizedClientService.class,
				() -> new InMemoryOAuth2AuthorizedClientService(
						new InMemoryClientRegistrationRepository(registration("inventory", "s3cret"))))
		.withPropertyValues("orders.inventory.base-url=http://127.0.0.1:8082");

	@Test
	void buildsTheClientWhenTheRegistrationHasItsSecret() {
		this.contexts.withBean(ClientRegistrationRepository.class, () -> repository("inventory", "s3cret"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(InventoryClient.class));
	}

	@Test
	void refusesToStartWhenTheSecretWasNotProvided() {
		this.contexts
			.withBean(ClientRegistrationRepository.class,
					() -> repository("inventory", "${ORDER_SERVICE_CLIENT_SECRET}"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ORDER_SERVICE_CLIENT_SECRET"));
	}

	@Test
	void refusesToStartWithoutTheRegistration() {
		this.contexts.withBean(ClientRegistrationRepository.class, () -> repository("other", "s3cret"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("spring.security.oauth2.client.registration.inventory"));
	}

	@Test
	void refusesToStartWithoutTheInventoryUrl() {
		new ApplicationContextRunner()
			.withUserConfiguration(InventoryClientConfiguration.class, InventoryResilienceConfiguration.class)
			.withConfiguration(
					AutoConfigurations.of(Resilience4JAutoConfiguration.class, ValidationAutoConfiguration.class))
			.withBean(RestClient.Builder.class, RestClient::builder)
			.withBean(ClientRegistrationRepository.class, () -> repository("inventory", "s3cret"))
			.withBean(OAuth2AuthorizedClientService.class,
					() -> new InMemoryOAuth2AuthorizedClientService(repository("inventory", "s3cret")))
			.run((context) -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("orders.inventory"));
	}

	private static InMemoryClientRegistrationRepository repository(String id, String secret) {
		return new InMemoryClientRegistrationRepository(registration(id, secret));
	}

	private static ClientRegistration registration(String id, String secret) {
		return ClientRegistration.withRegistrationId(id)
			.clientId("order-service")
			.clientSecret(secret)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("inventory:reserve")
			.tokenUri("http://127.0.0.1:9000/oauth2/token")
			.build();
	}

}
