package com.example.shop.order.inventory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.validation.Validator;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.Timeout;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver;
import org.springframework.security.oauth2.client.web.client.RequestAttributePrincipalResolver;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

import com.example.shop.common.config.LiveProperties;

/**
 * Builds the {@link InventoryClient}: Spring Boot's auto-configured
 * {@link RestClient.Builder} (so traces and metrics follow every call) with explicit
 * timeouts, a bearer token of this service's own, obtained with client credentials, and
 * {@link InventoryCalls} (retry, circuit breaker, bulkhead) around every call. All of it
 * follows {@code orders.inventory.*} on refresh ({@link LiveInventoryClient}).
 * <p>
 * The caller's token is never forwarded: inventory trusts order-service, not the client
 * that placed the order. The authorized-client manager is the service-based one because
 * the reconciler calls inventory outside any HTTP request.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryClientProperties.class)
class InventoryClientConfiguration {

	/**
	 * The name under which this service's client-credentials token is cached: one token
	 * for the whole service, whoever placed the order.
	 */
	static final String SERVICE_PRINCIPAL = "order-service";

	@Bean
	LiveInventoryClient inventoryClient(ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ClientRegistrationRepository clientRegistrations,
			OAuth2AuthorizedClientService authorizedClients, InventoryClientProperties properties, InventoryCalls calls,
			RetryRegistry retries) {
		return new LiveInventoryClient((settings) -> client(settings, restClientBuilder,
				httpClientSettings.getIfAvailable(HttpClientSettings::defaults), clientRegistrations, authorizedClients,
				calls, retries), properties);
	}

	/**
	 * {@code orders.inventory.*} as it is now. A refresh that changes them replaces the
	 * Resilience4j instances whose settings changed, then builds a new client: new
	 * timeouts, retries, circuit breaker, bulkhead or even base URL apply to the next
	 * call, without a restart. An invalid value is refused and the old settings stay.
	 */
	@Bean
	LiveProperties<InventoryClientProperties> liveInventoryProperties(InventoryClientProperties properties,
			ConfigurableEnvironment environment, Validator validator, LiveInventoryClient client,
			CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads, RetryRegistry retries) {
		LiveProperties<InventoryClientProperties> live = new LiveProperties<>("orders.inventory",
				InventoryClientProperties.class, properties, environment, validator);
		AtomicReference<InventoryClientProperties> applied = new AtomicReference<>(properties);
		live.onChange((updated) -> {
			InventoryResilienceConfiguration.replaceChanged(applied.getAndSet(updated), updated, circuitBreakers,
					bulkheads, retries);
			client.rebuild(updated);
		});
		return live;
	}

	private static LiveInventoryClient.Client client(InventoryClientProperties properties,
			ObjectProvider<RestClient.Builder> restClientBuilder, HttpClientSettings httpClientSettings,
			ClientRegistrationRepository clientRegistrations, OAuth2AuthorizedClientService authorizedClients,
			InventoryCalls calls, RetryRegistry retries) {
		checkRegistration(clientRegistrations, properties.registrationId());
		ClientHttpRequestFactory requestFactory = requestFactory(properties)
			.build(httpClientSettings.withTimeouts(properties.connectTimeout(), properties.readTimeout()));
		// One token request at a time: a burst of orders on a fresh instance would
		// otherwise send one each. Waiting for it is bounded by one attempt's time limit.
		OAuth2AuthorizedClientManager clientManager = new SingleFlightClientManager(
				clientManager(clientRegistrations, authorizedClients, restClientBuilder.getObject(), requestFactory,
						retries.retry(InventoryResilienceConfiguration.TOKEN)),
				properties.connectTimeout().plus(properties.readTimeout()));
		OAuth2ClientHttpRequestInterceptor bearerToken = new OAuth2ClientHttpRequestInterceptor(clientManager);
		bearerToken.setPrincipalResolver(new RequestAttributePrincipalResolver());
		// A 401/403 from inventory drops the cached token so the next call fetches a new
		// one (for example after auth-service rotated its key).
		bearerToken.setAuthorizationFailureHandler(
				OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
		RestClient restClient = restClientBuilder.getObject()
			.baseUrl(properties.baseUrl().toString())
			.requestFactory(requestFactory)
			.requestInterceptor(bearerToken)
			.defaultRequest((request) -> request
				.attributes(
						RequestAttributeClientRegistrationIdResolver.clientRegistrationId(properties.registrationId()))
				.attributes(RequestAttributePrincipalResolver.principal(SERVICE_PRINCIPAL)))
			.build();
		AutoCloseable resources = (requestFactory instanceof DisposableBean disposable) ? disposable::destroy : () -> {
		};
		return new LiveInventoryClient.Client(new RestInventoryClient(restClient, calls), resources,
				longestCall(properties));
	}

	/**
	 * The longest a call may run, every attempt and wait included: a bound, not an
	 * estimate. An attempt waits for the bulkhead, for a pooled connection, connects and
	 * reads, after a token request that is itself retried.
	 */
	static Duration longestCall(InventoryClientProperties properties) {
		int attempts = properties.retry().maxAttempts();
		Duration waits = properties.retry().maxWait().multipliedBy(2).multipliedBy(attempts - 1);
		Duration request = properties.connectTimeout().multipliedBy(2).plus(properties.readTimeout());
		Duration token = request.multipliedBy(attempts).plus(waits);
		Duration attempt = properties.bulkhead().maxWaitDuration().plus(token).plus(request);
		return attempt.multipliedBy(attempts).plus(waits);
	}

	/**
	 * Apache HttpClient, with its own automatic retries switched off: it would repeat a
	 * request after an I/O error or an answer 503 (even a POST, after a second), behind
	 * the back of the circuit breaker and on top of the Resilience4j retry, which is the
	 * only one. Its connection pool holds as many connections per host as the bulkhead
	 * lets calls through: with its default of 5, the other calls would queue for a
	 * connection for up to three minutes, where neither timeout applies. Should the pool
	 * still run dry, a call waits no longer for a connection than for connecting.
	 */
	static ClientHttpRequestFactoryBuilder<?> requestFactory(InventoryClientProperties properties) {
		int connections = properties.bulkhead().maxConcurrentCalls();
		return ClientHttpRequestFactoryBuilder.httpComponents()
			.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries)
			.withConnectionManagerCustomizer(
					(pool) -> pool.setMaxConnPerRoute(connections).setMaxConnTotal(2 * connections))
			.withDefaultRequestConfigCustomizer(
					(request) -> request.setConnectionRequestTimeout(Timeout.of(properties.connectTimeout())));
	}

	/**
	 * Fails at start rather than at the first order: without its secret the service would
	 * accept orders and leave every one of them PENDING.
	 */
	private static void checkRegistration(ClientRegistrationRepository clientRegistrations, String registrationId) {
		ClientRegistration registration = clientRegistrations.findByRegistrationId(registrationId);
		if (registration == null) {
			throw new IllegalStateException("No OAuth2 client registration '" + registrationId
					+ "' (spring.security.oauth2.client.registration." + registrationId + ".*): order-service needs it "
					+ "to call inventory-service");
		}
		String secret = registration.getClientSecret();
		if (!StringUtils.hasText(secret) || secret.startsWith("${")) {
			throw new IllegalStateException("The client secret of OAuth2 client registration '" + registrationId
					+ "' is not set: set the environment variable ORDER_SERVICE_CLIENT_SECRET");
		}
	}

	private static OAuth2AuthorizedClientManager clientManager(ClientRegistrationRepository clientRegistrations,
			OAuth2AuthorizedClientService authorizedClients, RestClient.Builder restClientBuilder,
			ClientHttpRequestFactory requestFactory, Retry tokenRetry) {
		// The token request gets the same timeouts: a hanging auth-service must not hang
		// the placing of an order.
		RestClient tokenRestClient = restClientBuilder.requestFactory(requestFactory)
			.messageConverters(
					List.of(new FormHttpMessageConverter(), new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
		RestClientClientCredentialsTokenResponseClient tokenClient = new RestClientClientCredentialsTokenResponseClient();
		tokenClient.setRestClient(tokenRestClient);
		// Asking for a token is idempotent: a transient failure of auth-service is
		// retried like one of inventory.
		OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> retryingTokenClient = (
				grantRequest) -> tokenRetry.executeSupplier(() -> tokenClient.getTokenResponse(grantRequest));
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				clientRegistrations, authorizedClients);
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((clientCredentials) -> clientCredentials.accessTokenResponseClient(retryingTokenClient))
			.build());
		return manager;
	}

}
