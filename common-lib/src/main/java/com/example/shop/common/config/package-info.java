/**
 * Settings that change without a restart.
 */
@NullMarked
package com.example.shop.common.config;

import org.jspecify.annotations.NullMarked;
