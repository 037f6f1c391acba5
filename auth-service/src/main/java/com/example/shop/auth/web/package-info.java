/**
 * HTTP error answers of auth-service outside the OAuth2 endpoints.
 */
@NullMarked
package com.example.shop.auth.web;

import org.jspecify.annotations.NullMarked;
