package com.example.shop.inventory.item;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A stock keeping unit as the whole system spells it: 1 to 64 characters, letters,
 * digits, {@code .}, {@code _} and {@code -}, starting with a letter or a digit.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@NotNull
@Size(min = 1, max = 64)
@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*")
@ReportAsSingleViolation
public @interface Sku {

	String message() default "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
