package com.example.shop.gateway.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Which browser origins may call the API across origins. None by default: a browser app
 * served from another origin must be named here
 * ({@code shop.gateway.cors.allowed-origins}).
 *
 * @param allowedOrigins exact origins ({@code https://shop.example.com}), no patterns
 * @param allowedMethods methods such an origin may use
 * @param allowedHeaders request headers it may send
 * @param exposedHeaders response headers its scripts may read
 * @param maxAge how long a browser may keep a preflight answer
 */
@ConfigurationProperties("shop.gateway.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue( {
		"GET", "POST", "PUT", "DELETE" }) List<String> allowedMethods,
		@DefaultValue({ "Authorization", "Content-Type", "Idempotency-Key" }) List<String> allowedHeaders,
		@DefaultValue({ "Location", "Retry-After", "X-RateLimit-Remaining" }) List<String> exposedHeaders,
		@DefaultValue("30m") Duration maxAge){

	/**
	 * The CORS configuration of every path. Credentials (cookies) are never allowed: the
	 * API takes bearer tokens in a header.
	 * @return the configuration
	 */
	public CorsConfiguration toCorsConfiguration() {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(this.allowedOrigins);
		configuration.setAllowedMethods(this.allowedMethods);
		configuration.setAllowedHeaders(this.allowedHeaders);
		configuration.setExposedHeaders(this.exposedHeaders);
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(this.maxAge);
		return configuration;
	}

}
