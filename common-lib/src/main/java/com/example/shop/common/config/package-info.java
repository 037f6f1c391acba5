/**
 * How every service takes its settings: from config-service, changed without a restart
 * ({@link com.example.shop.common.config.LiveProperties}, a guarded refresh), and with
 * Spring Cloud Bus and its broker in the context only while the bus is on
 * ({@link com.example.shop.common.config.BusSwitch}).
 */
@NullMarked
package com.example.shop.common.config;

import org.jspecify.annotations.NullMarked;
