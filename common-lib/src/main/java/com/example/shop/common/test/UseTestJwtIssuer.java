package com.example.shop.common.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the Spring test's resource server validate tokens from
 * {@link TestJwtIssuer#shared()}: real RS256 signatures checked through a JWKS endpoint,
 * issuer and expiry.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UseTestJwtIssuer {

}
