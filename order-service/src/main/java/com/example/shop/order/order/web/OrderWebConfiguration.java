package com.example.shop.order.order.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import com.example.shop.common.security.AuthorizationRules;

/**
 * Scopes of the Order API and its largest page (applied by the controller). Pages are
 * serialised as {@code {"content":[...],"page":{...}}} like every service's (common-lib's
 * shop-common.yml).
 */
@Configuration(proxyBeanMethods = false)
class OrderWebConfiguration {

	static final int MAX_PAGE_SIZE = 100;

	@Bean
	AuthorizationRules orderRules() {
		return (requests) -> requests
			.requestMatchers(HttpMethod.POST, OrderController.ORDERS, OrderController.ORDERS + "/*/cancel")
			.hasAuthority("SCOPE_orders:write")
			.requestMatchers(HttpMethod.GET, OrderController.ORDERS, OrderController.ORDERS + "/**")
			.hasAuthority("SCOPE_orders:read");
	}

}
