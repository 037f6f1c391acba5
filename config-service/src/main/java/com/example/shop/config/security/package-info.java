/**
 * HTTP basic security of the config server: a client user that reads configuration and an
 * operator user for everything that changes or reveals more.
 */
@NullMarked
package com.example.shop.config.security;

import org.jspecify.annotations.NullMarked;
