package com.example.shop.common.json;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * Reads the JSON request bodies of a servlet service with {@link StrictJson}'s rules.
 * Only the server side is strict: a service reading another service's answers (through
 * the auto-configured {@code RestClient}) keeps the lenient mapper, so that a new field
 * in an answer never breaks its callers.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ JsonMapper.class, ServerHttpMessageConvertersCustomizer.class,
		JacksonJsonHttpMessageConverter.class })
public final class StrictJsonAutoConfiguration {

	@Bean
	@ConditionalOnBean(JsonMapper.class)
	ServerHttpMessageConvertersCustomizer strictJsonRequestBodies(JsonMapper jsonMapper) {
		JsonMapper strict = StrictJson.configure(jsonMapper.rebuild()).build();
		// Applied to the finished list, so it holds whichever customizer registered the
		// JSON converter and in which order.
		return (builder) -> builder.configureMessageConvertersList((converters) -> converters
			.replaceAll((converter) -> (converter instanceof JacksonJsonHttpMessageConverter)
					? new JacksonJsonHttpMessageConverter(strict) : converter));
	}

}
