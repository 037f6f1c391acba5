package com.example.shop.auth.key;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPairGenerator;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SigningKeyFileTests {

	@TempDir
	Path directory;

	@Test
	void createsAKeyOnceAndReadsTheSameKeyOnEveryLaterStart() throws Exception {
		Path file = this.directory.resolve("nested/auth/signing-key.pem");
		SigningKeyProperties properties = new SigningKeyProperties(file, null, true, List.of());

		RSAKey first = SigningKeyFile.load(properties);
		RSAKey second = SigningKeyFile.load(properties);

		assertThat(file).exists();
		assertThat(second.toPublicJWK()).isEqualTo(first.toPublicJWK());
		assertThat(second.getKeyID()).isEqualTo(first.getKeyID()).isEqualTo(first.computeThumbprint().toString());
		assertThat(first.getModulus().decodeToBigInteger().bitLength()).isEqualTo(2048);
		assertThat(first.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(first.isPrivate()).isTrue();
	}

	@Test
	void writesTheCreatedKeyAsAPkcs8PemReadableOnlyByItsOwner() throws Exception {
		Path file = this.directory.resolve("signing-key.pem");

		SigningKeyFile.load(new SigningKeyProperties(file, null, true, List.of()));

		String pem = Files.readString(file);
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE);
		}
		assertThat(this.directory).isDirectoryNotContaining("glob:**.tmp");
	}

	@Test
	void readsAKeyMadeWithOpensslAndUsesTheConfiguredKeyId() throws Exception {
		Path file = this.directory.resolve("provided.pem");
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(3072);
		byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
		// openssl genpkey writes 64-character lines; the reader must not care.
		Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END PRIVATE KEY-----\n");

		RSAKey key = SigningKeyFile.load(new SigningKeyProperties(file, "shop-2026-01", false, List.of()));

		assertThat(key.getKeyID()).isEqualTo("shop-2026-01");
		assertThat(key.toRSAPrivateKey().getEncoded())
			.isEqualTo(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)).getEncoded());
	}

	@Test
	void refusesToStartWhenTheKeyIsMissingAndMayNotBeCreated() {
		Path file = this.directory.resolve("run/secrets/auth-signing-key.pem");

		assertThatExceptionOfType(SigningKeyException.class)
			.isThrownBy(() -> SigningKeyFile.load(new SigningKeyProperties(file, null, false, List.of())))
			.withMessageContaining(file.toString())
			.withMessageContaining("auth.signing.create-if-missing is false")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("openssl genpkey"));
		assertThat(file).doesNotExist();
	}

	@Test
	void explainsHowToConvertAPkcs1Key() throws Exception {
		Path file = this.directory.resolve("old.pem");
		Files.writeString(file, "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n");

		assertThatExceptionOfType(SigningKeyException.class)
			.isThrownBy(() -> SigningKeyFile.load(new SigningKeyProperties(file, null, true, List.of())))
			.withMessageContaining("PKCS#1")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("openssl pkcs8 -topk8"));
	}

	@Test
	void rejectsAFileThatHoldsNoRsaKey() throws Exception {
		Path file = this.directory.resolve("garbage.pem");
		Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

		assertThatExceptionOfType(SigningKeyException.class)
			.isThrownBy(() -> SigningKeyFile.load(new SigningKeyProperties(file, null, true, List.of())))
			.withMessageContaining("not a PKCS#8 PEM RSA private key");
	}

	@Test
	void rejectsAKeyShorterThan2048Bits() throws Exception {
		Path file = this.directory.resolve("weak.pem");
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(1024);
		Files.writeString(file,
				"-----BEGIN PRIVATE KEY-----\n"
						+ Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
						+ "\n-----END PRIVATE KEY-----\n");

		assertThatExceptionOfType(SigningKeyException.class)
			.isThrownBy(() -> SigningKeyFile.load(new SigningKeyProperties(file, null, true, List.of())))
			.withMessageContaining("1024 bits");
	}

	@Test
	void reportsAFailedStartWithTheActionToTake() {
		SigningKeyException failure = new SigningKeyException("The key is missing.", "Provide one.");

		FailureAnalysis analysis = new SigningKeyFailureAnalyzer().analyze(new IllegalStateException(failure));

		assertThat(analysis.getDescription()).isEqualTo("The key is missing.");
		assertThat(analysis.getAction()).isEqualTo("Provide one.");
	}

}
