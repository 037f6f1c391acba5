package com.example.shop.auth.security;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;

/**
 * The Content-Security-Policy of the login page. The page needs nothing but its own style
 * sheet and its own form, so everything else is refused: no script, no frame, no other
 * base URL.
 * <p>
 * {@code form-action} also lists where the registered clients may be sent back to,
 * because browsers (Chromium) check {@code form-action} against every redirect that
 * follows a form submission: the login POST answers with a redirect to
 * {@code /oauth2/authorize} ({@code 'self'}), which answers with a redirect to the
 * client's {@code redirect_uri}. Without that origin the browser would stop the user,
 * signed in, at the last step. A loopback IP redirect URI is listed with any port
 * ({@code http://127.0.0.1:*}), since the authorization server accepts it on any port
 * (RFC 8252, section 7.3).
 */
final class LoginPagePolicy {

	private LoginPagePolicy() {
	}

	static String contentSecurityPolicy(OAuth2AuthorizationServerProperties properties) {
		Set<String> redirectTargets = new TreeSet<>();
		properties.getClient()
			.values()
			.forEach((client) -> client.getRegistration()
				.getRedirectUris()
				.forEach((redirectUri) -> redirectTargets.add(source(URI.create(redirectUri)))));
		String formAction = Stream.concat(Stream.of("'self'"), redirectTargets.stream())
			.collect(Collectors.joining(" "));
		return "default-src 'none'; style-src 'self'; form-action " + formAction
				+ "; frame-ancestors 'none'; base-uri 'none'";
	}

	/** The CSP source expression of a redirect URI's origin. */
	private static String source(URI redirectUri) {
		if (redirectUri.getHost() == null) {
			// A private-use scheme of a native app (com.example.app:/callback).
			return redirectUri.getScheme() + ":";
		}
		String origin = redirectUri.getScheme() + "://" + redirectUri.getHost();
		if (isLoopbackAddress(redirectUri.getHost())) {
			return origin + ":*";
		}
		return (redirectUri.getPort() != -1) ? origin + ":" + redirectUri.getPort() : origin;
	}

	/**
	 * The same test as Spring Authorization Server's: an IPv4 or IPv6 loopback address.
	 */
	private static boolean isLoopbackAddress(String host) {
		return host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || "[::1]".equals(host)
				|| "[0:0:0:0:0:0:0:1]".equals(host);
	}

}
