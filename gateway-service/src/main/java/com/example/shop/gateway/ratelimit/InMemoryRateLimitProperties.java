package com.example.shop.gateway.ratelimit;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the in-memory rate limiter (the one used without Redis).
 *
 * @param maxKeys how many buckets (route and client or address) it holds at most; keys
 * beyond share one overflow bucket per route until idle buckets are dropped
 */
@Validated
@ConfigurationProperties("shop.gateway.rate-limit.in-memory")
record InMemoryRateLimitProperties(@DefaultValue("100000") @Min(1) int maxKeys) {

}
