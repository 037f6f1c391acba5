package com.example.shop.order.order.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The list may have at most {@code orders.max-lines} elements. A constraint of its own
 * because the limit is configuration, which {@code @Size} cannot read.
 */
@Documented
@Constraint(validatedBy = MaxLinesValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@interface MaxLines {

	String message() default "has too many lines";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
