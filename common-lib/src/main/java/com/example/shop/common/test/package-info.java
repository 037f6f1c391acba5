/**
 * Test support for the services' own tests: a fresh PostgreSQL database per application
 * context, a JWT issuer that signs real tokens and serves its JWKS over HTTP, and a
 * Spring Cloud Bus of a test's own on the local RabbitMQ. Only used from test classpaths.
 */
@NullMarked
package com.example.shop.common.test;

import org.jspecify.annotations.NullMarked;
