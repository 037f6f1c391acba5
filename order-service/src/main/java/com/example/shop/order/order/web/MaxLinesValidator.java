package com.example.shop.order.order.web;

import java.util.Collection;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import com.example.shop.common.config.LiveProperties;
import com.example.shop.order.order.OrderProperties;

/**
 * Checks {@link MaxLines} against the configured limit. It reads the limit on every call
 * from the live {@link OrderProperties} (a refresh changes it without a restart), so the
 * message names the limit that applies now.
 */
class MaxLinesValidator implements ConstraintValidator<MaxLines, Collection<?>> {

	private final LiveProperties<OrderProperties> properties;

	MaxLinesValidator(LiveProperties<OrderProperties> properties) {
		this.properties = properties;
	}

	@Override
	public boolean isValid(Collection<?> lines, ConstraintValidatorContext context) {
		int maxLines = this.properties.get().maxLines();
		if (lines == null || lines.size() <= maxLines) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate("must have at most " + maxLines + " lines, not " + lines.size())
			.addConstraintViolation();
		return false;
	}

}
