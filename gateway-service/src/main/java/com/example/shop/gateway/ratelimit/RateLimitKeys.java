package com.example.shop.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whom a request counts against. Never an empty key: Spring Cloud Gateway would then
 * either refuse every such request or let it through unlimited, and neither is wanted.
 * <ul>
 * <li>By client ({@link #byClient()}, the API routes): the {@code sub} claim of the
 * request's validated JWT, as {@code client:<sub>}. Tokens of auth-service are issued
 * with client credentials, so the subject is the client id; were user logins added, each
 * user would get a bucket of their own rather than sharing their application's. A request
 * without a token (or whose token has no subject) counts against its address.
 * <li>By address ({@link #byAddress()}, the token route, used before a client has a
 * token): {@code address:<ip>}. The address is the TCP peer, unless the peer is one of
 * the gateway's {@code trusted-proxies}: then it is the right-most address of
 * {@code X-Forwarded-For} that is not a trusted proxy itself (each proxy appends the
 * address it saw, so everything to the left of that one may be forged by the client).
 * Without a peer address at all the request counts against one shared bucket,
 * {@code address:unknown}: limited, but not refused.
 * </ul>
 */
final class RateLimitKeys {

	static final String UNKNOWN_ADDRESS = "unknown";

	private static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private final Predicate<String> trustedProxy;

	/**
	 * Keys that trust forwarded addresses only from these proxies.
	 * @param trustedProxies the regular expression of
	 * {@code spring.cloud.gateway.server.webflux.trusted-proxies}; {@code null} or empty
	 * trusts no proxy
	 */
	RateLimitKeys(@Nullable String trustedProxies) {
		this.trustedProxy = StringUtils.hasText(trustedProxies) ? Pattern.compile(trustedProxies).asMatchPredicate()
				: (address) -> false;
	}

	KeyResolver byClient() {
		return (exchange) -> exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.mapNotNull((principal) -> ((JwtAuthenticationToken) principal).getToken().getSubject())
			.filter(StringUtils::hasText)
			.map((subject) -> "client:" + subject)
			.switchIfEmpty(Mono.fromSupplier(() -> addressKey(exchange)));
	}

	KeyResolver byAddress() {
		return (exchange) -> Mono.fromSupplier(() -> addressKey(exchange));
	}

	private String addressKey(ServerWebExchange exchange) {
		return "address:" + clientAddress(exchange.getRequest());
	}

	/**
	 * The address of the client that sent a request.
	 * @param request the request
	 * @return the address, or {@value #UNKNOWN_ADDRESS}
	 */
	String clientAddress(ServerHttpRequest request) {
		InetSocketAddress peer = request.getRemoteAddress();
		if (peer == null) {
			return UNKNOWN_ADDRESS;
		}
		String peerAddress = peer.getHostString();
		if (!this.trustedProxy.test(peerAddress)) {
			return peerAddress;
		}
		List<String> hops = forwardedFor(request);
		for (int i = hops.size() - 1; i >= 0; i--) {
			if (!this.trustedProxy.test(hops.get(i))) {
				return hops.get(i);
			}
		}
		// Proxies all the way: the first of them is as close to the client as we get.
		return hops.isEmpty() ? peerAddress : hops.get(0);
	}

	private static List<String> forwardedFor(ServerHttpRequest request) {
		List<String> hops = new ArrayList<>();
		for (String header : request.getHeaders().getOrEmpty(X_FORWARDED_FOR)) {
			for (String hop : header.split(",")) {
				if (StringUtils.hasText(hop)) {
					hops.add(hop.trim());
				}
			}
		}
		return hops;
	}

}
