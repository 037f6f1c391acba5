/**
 * Filter chains of auth-service and start-up checks of the registered clients.
 */
@NullMarked
package com.example.shop.auth.security;

import org.jspecify.annotations.NullMarked;
