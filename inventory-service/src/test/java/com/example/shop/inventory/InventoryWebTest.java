package com.example.shop.inventory;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

import com.example.shop.common.test.UseTestJwtIssuer;

/**
 * A web slice of this service with its real security: the shared resource-server chain of
 * common-lib, this service's {@link InventorySecurityConfiguration} rules and tokens
 * signed by the test issuer, so that 401 and 403 answers are the production ones.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@UseTestJwtIssuer
@Import(InventorySecurityConfiguration.class)
public @interface InventoryWebTest {

	/**
	 * The controllers under test.
	 * @return the controllers
	 */
	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value() default {};

}
