package com.example.shop.auth.token;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which services a token is for, by the scopes it grants.
 *
 * @param audiences for each scope family (the part of a scope before its colon:
 * {@code orders} for {@code orders:read} and {@code orders:write}; the whole scope when
 * it has none, such as {@code ops}), the services a token granting such a scope is for.
 * The token's {@code aud} claim is the union over its scopes; a scope of no family listed
 * here adds no service
 */
@ConfigurationProperties("auth.token")
@Validated
public record TokenAudienceProperties(@NotEmpty Map<String, List<String>> audiences) {

	/**
	 * The {@code aud} claim of a token that grants these scopes.
	 * @param scopes the granted scopes
	 * @return the services, sorted; empty if no scope names a service
	 */
	public Set<String> audienceOf(Collection<String> scopes) {
		Set<String> audience = new TreeSet<>();
		for (String scope : scopes) {
			int colon = scope.indexOf(':');
			String family = (colon < 0) ? scope : scope.substring(0, colon);
			audience.addAll(this.audiences.getOrDefault(family, List.of()));
		}
		return audience;
	}

}
