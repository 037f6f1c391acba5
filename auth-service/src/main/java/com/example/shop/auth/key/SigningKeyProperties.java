package com.example.shop.auth.key;

import java.nio.file.Path;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the token signing key comes from.
 *
 * @param keyFile PKCS#8 PEM file holding the RSA private key ({@code BEGIN PRIVATE KEY});
 * the public key is derived from it
 * @param keyId the {@code kid} of the key in tokens and the JWKS; when unset, the RFC
 * 7638 thumbprint of the public key, which changes by itself when the key is rotated
 * @param createIfMissing whether to generate a 2048-bit key into {@code keyFile} when it
 * does not exist: convenient locally, wrong wherever several instances or a read-only
 * secret mount are involved (they must share one provided key)
 * @param previousKeyFiles keys that signed before {@code keyFile} (PKCS#8 PEM files too):
 * they sign nothing any more, but the JWKS keeps publishing their public halves, so the
 * tokens they signed stay valid until they expire. Remove a key from this list once the
 * longest token lifetime has passed since it stopped signing
 */
@ConfigurationProperties("auth.signing")
@Validated
record SigningKeyProperties(@NotNull Path keyFile, @Nullable String keyId, boolean createIfMissing,
		@DefaultValue List<Path> previousKeyFiles) {

}
