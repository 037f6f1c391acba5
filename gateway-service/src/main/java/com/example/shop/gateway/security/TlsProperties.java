package com.example.shop.gateway.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the gateway adds to TLS itself. TLS is Spring Boot's ({@code server.ssl.bundle}
 * naming an SSL bundle, {@code spring.ssl.bundle.pem.<name>.keystore.*}); when it is on,
 * the gateway's port speaks HTTPS only, and these settings add a plain-HTTP port that
 * sends browsers over and the HSTS header that keeps them there.
 *
 * @param redirectPort a plain-HTTP port that answers every request with a 308 redirect to
 * the same path and query on the gateway's HTTPS port ({@link HttpsRedirectServer}); none
 * by default. Only with TLS on; 0 picks a free port
 * @param hsts the {@code Strict-Transport-Security} header of HTTPS answers
 */
@ConfigurationProperties("shop.gateway.tls")
public record TlsProperties(@Nullable Integer redirectPort, @DefaultValue Hsts hsts) {

	/**
	 * The {@code Strict-Transport-Security} header Spring Security writes on every answer
	 * to an HTTPS request (never on plain HTTP, where a browser must ignore it anyway).
	 * HSTS is per host, not per port: a browser that saw it uses HTTPS for every port of
	 * that host until it expires.
	 *
	 * @param maxAge how long a browser keeps to HTTPS for this host; 0 makes it forget
	 * @param includeSubdomains whether that holds for every subdomain too
	 */
	public record Hsts(@DefaultValue("365d") Duration maxAge, @DefaultValue("true") boolean includeSubdomains) {
	}

}
