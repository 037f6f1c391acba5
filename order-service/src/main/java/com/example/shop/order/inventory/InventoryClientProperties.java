package com.example.shop.order.inventory;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach inventory-service.
 *
 * @param baseUrl where inventory-service answers (usually
 * {@code ${shop.services.inventory-url}})
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer; an order whose reservation takes
 * longer stays PENDING and is finished by the reconciler
 * @param registrationId the OAuth2 client registration whose client-credentials token is
 * sent to inventory (never the caller's token)
 */
@Validated
@ConfigurationProperties("orders.inventory")
record InventoryClientProperties(@NotNull URI baseUrl, @DefaultValue("1s") Duration connectTimeout,
		@DefaultValue("2s") Duration readTimeout, @DefaultValue("inventory") @NotBlank String registrationId) {

}
