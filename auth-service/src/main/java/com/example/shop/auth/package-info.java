/**
 * auth-service: Spring Authorization Server configured from properties.
 */
@NullMarked
package com.example.shop.auth;

import org.jspecify.annotations.NullMarked;
