/**
 * Spring Cloud Config Server serving {@code config-repo/}.
 */
@NullMarked
package com.example.shop.config;

import org.jspecify.annotations.NullMarked;
