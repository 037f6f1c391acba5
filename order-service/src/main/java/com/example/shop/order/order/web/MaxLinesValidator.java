package com.example.shop.order.order.web;

import java.util.Collection;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import com.example.shop.order.order.OrderProperties;

/**
 * Checks {@link MaxLines} against the configured limit. Spring creates it with the
 * current {@link OrderProperties}, so the message names the limit that applies.
 */
class MaxLinesValidator implements ConstraintValidator<MaxLines, Collection<?>> {

	private final int maxLines;

	MaxLinesValidator(OrderProperties properties) {
		this.maxLines = properties.maxLines();
	}

	@Override
	public boolean isValid(Collection<?> lines, ConstraintValidatorContext context) {
		if (lines == null || lines.size() <= this.maxLines) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		context
			.buildConstraintViolationWithTemplate("must have at most " + this.maxLines + " lines, not " + lines.size())
			.addConstraintViolation();
		return false;
	}

}
