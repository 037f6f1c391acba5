package com.example.shop.common.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a servlet service reads from a request.
 *
 * @param maxRequestBody the largest request body accepted; larger ones are answered with
 * a 413 problem
 */
@ConfigurationProperties("shop.http")
public record RequestBodyLimitProperties(@DefaultValue("1MB") DataSize maxRequestBody) {

}
