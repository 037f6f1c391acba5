package com.example.shop.gateway.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.Assert;

/**
 * The plain-HTTP redirect port, only when {@code shop.gateway.tls.redirect-port} is set.
 * It needs TLS on: redirecting to an HTTPS port that speaks plain HTTP would send every
 * browser into a dead end, so the gateway refuses to start instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("shop.gateway.tls.redirect-port")
class TlsConfiguration {

	@Bean
	HttpsRedirectServer httpsRedirectServer(TlsProperties tls, ServerProperties server) {
		Assert.state(Ssl.isEnabled(server.getSsl()),
				"shop.gateway.tls.redirect-port needs TLS on the gateway's port (server.ssl.bundle)");
		Integer port = tls.redirectPort();
		Assert.state(port != null, "shop.gateway.tls.redirect-port is empty");
		return new HttpsRedirectServer(port, server.getAddress());
	}

}
