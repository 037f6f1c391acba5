/**
 * RFC 9457 problem details: stable type URIs, a base exception handler every service
 * extends and an error controller that replaces Spring Boot's default error JSON.
 */
@NullMarked
package com.example.shop.common.problem;

import org.jspecify.annotations.NullMarked;
