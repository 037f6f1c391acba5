/**
 * The people who sign in at auth-service's login page, from configuration.
 */
@NullMarked
package com.example.shop.auth.user;

import org.jspecify.annotations.NullMarked;
