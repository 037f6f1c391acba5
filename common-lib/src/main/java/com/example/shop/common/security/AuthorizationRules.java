package com.example.shop.common.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own authorization rules, applied by the shared resource-server filter chain
 * after the actuator rules and before its final "any other request must be
 * authenticated".
 *
 * <pre class="code">
 * &#64;Bean
 * AuthorizationRules orderRules() {
 *     return (requests) -&gt; requests.requestMatchers(HttpMethod.POST, "/api/orders").hasAuthority("SCOPE_orders:write");
 * }
 * </pre>
 */
@FunctionalInterface
public interface AuthorizationRules {

	/**
	 * Adds request rules to the registry.
	 * @param requests the registry of the shared filter chain
	 */
	void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);

}
