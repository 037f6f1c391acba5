package com.example.shop.inventory.item;

import jakarta.validation.Validator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import com.example.shop.common.config.LiveProperties;

/**
 * {@code inventory.items.*} as it is now: a refresh ({@code POST /actuator/refresh} or
 * the bus) changes {@code max-page-size} for the next request, refusing an invalid value.
 */
@Configuration(proxyBeanMethods = false)
class LiveItemSettings {

	@Bean
	LiveProperties<ItemProperties> liveItemProperties(ItemProperties properties, ConfigurableEnvironment environment,
			Validator validator) {
		return new LiveProperties<>("inventory.items", ItemProperties.class, properties, environment, validator);
	}

}
