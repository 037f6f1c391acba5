package com.example.shop.inventory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import com.example.shop.common.security.AuthorizationRules;

/**
 * Which scope each endpoint of this service needs, in one place so that the whole access
 * policy can be reviewed at a glance. The shared filter chain of common-lib applies these
 * rules after its actuator rules; any other request still needs a valid token.
 */
@Configuration(proxyBeanMethods = false)
class InventorySecurityConfiguration {

	static final String READ = "SCOPE_inventory:read";

	static final String WRITE = "SCOPE_inventory:write";

	static final String RESERVE = "SCOPE_inventory:reserve";

	@Bean
	AuthorizationRules inventoryRules() {
		return (requests) -> requests.requestMatchers(HttpMethod.GET, "/api/inventory/items", "/api/inventory/items/**")
			.hasAuthority(READ)
			.requestMatchers(HttpMethod.PUT, "/api/inventory/items/**")
			.hasAuthority(WRITE)
			// Only order-service holds this scope: reservations are never a client's
			// business.
			.requestMatchers("/api/inventory/reservations", "/api/inventory/reservations/**")
			.hasAuthority(RESERVE);
	}

}
