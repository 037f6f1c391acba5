package com.example.shop.inventory;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import com.example.shop.common.test.UsePostgres;
import com.example.shop.common.test.UseTestJwtIssuer;

/**
 * The whole service on a random port, on a PostgreSQL database of its own, trusting the
 * test token issuer. Every flow test uses exactly this annotation so that they all share
 * one application context (and one database: tests use their own SKUs and order ids).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@UsePostgres
@UseTestJwtIssuer
public @interface InventoryApplicationTest {

}
