/**
 * What goes into the access tokens auth-service issues beyond Spring Authorization
 * Server's defaults: the services each token is for ({@code aud}).
 */
@NullMarked
package com.example.shop.auth.token;

import org.jspecify.annotations.NullMarked;
