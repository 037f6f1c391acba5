package com.example.shop.order.order;

import jakarta.validation.Validator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import com.example.shop.common.config.LiveProperties;

/**
 * {@code orders.*} as it is now: a refresh ({@code POST /actuator/refresh} or the bus)
 * changes {@code orders.max-lines} for the next request, refusing an invalid value.
 */
@Configuration(proxyBeanMethods = false)
class LiveOrderSettings {

	@Bean
	LiveProperties<OrderProperties> liveOrderProperties(OrderProperties properties, ConfigurableEnvironment environment,
			Validator validator) {
		return new LiveProperties<>("orders", OrderProperties.class, properties, environment, validator);
	}

}
