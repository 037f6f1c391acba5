package com.example.shop.common.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Runs the annotated Spring test against a fresh PostgreSQL database of its own (see
 * {@link PostgresTestDatabase} for how the server is found). Slice tests also need
 * {@code @AutoConfigureTestDatabase(replace = Replace.NONE)} so that Spring Boot keeps
 * this database.
 * <p>
 * Tagged {@code integration}: the per-service pipeline runs these tests in their own step
 * ({@code -Dgroups=integration}) after the unit tests
 * ({@code -DexcludedGroups=integration}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("integration")
public @interface UsePostgres {

}
