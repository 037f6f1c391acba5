package com.example.shop.auth.key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.StringUtils;

/**
 * Reads the RSA signing key from a PKCS#8 PEM file, creating the file first when allowed.
 * The same file always gives the same key and key id, so a restarted service, or a second
 * instance, keeps accepting the tokens issued before.
 */
final class SigningKeyFile {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyFile.class);

	static final int MINIMUM_KEY_SIZE = 2048;

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private static final String OPENSSL_COMMAND = "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ";

	private SigningKeyFile() {
	}

	/**
	 * Loads the key the properties point at.
	 * @param properties where the key is and what to do when it is missing
	 * @return the key pair as a JWK, with its key id, for signing with RS256
	 * @throws SigningKeyException when the file is missing (and may not be created) or
	 * does not hold a usable RSA private key
	 */
	static RSAKey load(SigningKeyProperties properties) {
		Path file = properties.keyFile().toAbsolutePath().normalize();
		if (!Files.exists(file)) {
			if (!properties.createIfMissing()) {
				throw new SigningKeyException(
						"The token signing key file " + file
								+ " does not exist and auth.signing.create-if-missing is false.",
						"Provide a PKCS#8 PEM RSA private key at that path (for example " + OPENSSL_COMMAND + file
								+ "), or point auth.signing.key-file at one. Set auth.signing.create-if-missing=true"
								+ " only for local runs.");
			}
			create(file);
		}
		RSAPrivateCrtKey privateKey = read(file);
		RSAKey key = toJwk(privateKey, properties.keyId());
		logger.info("Signing tokens with the RSA key '{}' from {}", key.getKeyID(), file);
		return key;
	}

	/**
	 * Loads the keys that signed before the current one, as public keys only: they verify
	 * the tokens they signed, and can never sign again.
	 * @param properties where the previous keys are
	 * @param signingKey the current key: a previous key file that holds it is skipped (so
	 * a deployment may point the previous key at the current one while no rotation is
	 * under way)
	 * @return their public halves, with the key ids their tokens carry (RFC 7638
	 * thumbprints)
	 * @throws SigningKeyException when a file is missing or does not hold a usable RSA
	 * private key
	 */
	static List<RSAKey> loadPrevious(SigningKeyProperties properties, RSAKey signingKey) {
		List<RSAKey> keys = new ArrayList<>();
		for (Path configured : properties.previousKeyFiles()) {
			Path file = configured.toAbsolutePath().normalize();
			if (!Files.exists(file)) {
				throw new SigningKeyException(
						"The previous signing key file " + file + " (auth.signing.previous-key-files) does not exist.",
						"Point auth.signing.previous-key-files at the key that signed before, or remove the entry"
								+ " once the tokens it signed have expired.");
			}
			RSAKey key = toJwk(read(file), null).toPublicJWK();
			if (key.getModulus().equals(signingKey.getModulus())) {
				continue;
			}
			logger.info("Publishing the previous signing key '{}' from {}: it verifies, and signs nothing",
					key.getKeyID(), file);
			keys.add(key);
		}
		return keys;
	}

	private static RSAKey toJwk(RSAPrivateCrtKey privateKey, @Nullable String keyId) {
		RSAKey.Builder builder = new RSAKey.Builder(publicKeyOf(privateKey)).privateKey(privateKey)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256);
		try {
			return (StringUtils.hasText(keyId) ? builder.keyID(keyId) : builder.keyIDFromThumbprint()).build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not compute the thumbprint of the signing key", ex);
		}
	}

	private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) {
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not derive the public key from the signing key", ex);
		}
	}

	private static RSAPrivateCrtKey read(Path file) {
		String pem;
		try {
			pem = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new SigningKeyException("The token signing key file " + file + " cannot be read: " + ex,
					"Make the file readable by the user auth-service runs as.", ex);
		}
		int begin = pem.indexOf(BEGIN);
		int end = pem.indexOf(END);
		if (begin < 0 || end < begin) {
			throw notPkcs8(file, pem.contains("BEGIN RSA PRIVATE KEY")
					? "it holds a PKCS#1 ('BEGIN RSA PRIVATE KEY') key" : "it has no '" + BEGIN + "' block", null);
		}
		PrivateKey key;
		try {
			byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
			key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			throw notPkcs8(file, "its content is not an RSA private key", ex);
		}
		if (!(key instanceof RSAPrivateCrtKey crtKey)) {
			throw notPkcs8(file, "the key lacks the CRT parameters needed to derive its public key", null);
		}
		int size = crtKey.getModulus().bitLength();
		if (size < MINIMUM_KEY_SIZE) {
			throw new SigningKeyException(
					"The token signing key in " + file + " has " + size + " bits; at least " + MINIMUM_KEY_SIZE
							+ " are required.",
					"Replace it with a stronger key, for example " + OPENSSL_COMMAND + file);
		}
		return crtKey;
	}

	private static SigningKeyException notPkcs8(Path file, String reason, @Nullable Throwable cause) {
		return new SigningKeyException(
				"The token signing key file " + file + " is not a PKCS#8 PEM RSA private key: " + reason + ".",
				"Create one with " + OPENSSL_COMMAND + file + " (or convert a PKCS#1 key with"
						+ " openssl pkcs8 -topk8 -nocrypt -in old.pem -out " + file + ").",
				cause);
	}

	private static void create(Path file) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(MINIMUM_KEY_SIZE);
			byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
			String pem = BEGIN + "\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der) + "\n"
					+ END + "\n";
			Path directory = file.getParent();
			Files.createDirectories(directory, ownerOnly("rwx------", directory));
			// Written aside, then moved in place: a concurrent reader never sees half a
			// key, and if another instance created the file meanwhile, its key wins.
			Path temporary = Files.createTempFile(directory, ".signing-key-", ".tmp",
					ownerOnly("rw-------", directory));
			try {
				Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
				Files.move(temporary, file);
				logger.warn("Generated a new RSA signing key in {} (auth.signing.create-if-missing=true). Fine for a"
						+ " local run; elsewhere provide the key as a secret shared by every instance.", file);
			}
			catch (FileAlreadyExistsException ex) {
				logger.info("Another process created the signing key {} first; using it", file);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new SigningKeyException("Could not create the token signing key file " + file + ": " + ex,
					"Make its folder writable, or provide the key yourself (" + OPENSSL_COMMAND + file + ").", ex);
		}
	}

	/**
	 * File permissions for the owner only, where the file system knows POSIX permissions.
	 */
	private static FileAttribute<?>[] ownerOnly(String permissions, Path path) {
		if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[0];
		}
		return new FileAttribute<?>[] {
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) };
	}

}
