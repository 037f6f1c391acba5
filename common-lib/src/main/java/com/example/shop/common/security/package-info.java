/**
 * Resource-server defaults: every request needs a valid JWT except health, info and
 * prometheus; other actuator endpoints need the {@code ops} scope; 401 and 403 are
 * problems. Services add their own rules with
 * {@link com.example.shop.common.security.AuthorizationRules} beans.
 */
@NullMarked
package com.example.shop.common.security;

import org.jspecify.annotations.NullMarked;
