/**
 * Spring Cloud Bus on the config server.
 */
@NullMarked
package com.example.shop.config.bus;

import org.jspecify.annotations.NullMarked;
