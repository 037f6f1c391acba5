package com.example.shop.gateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.shop.common.test.UseTestJwtIssuer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The gateway with TLS on, as an operator turns it on: a PEM certificate and key (made
 * here with openssl, for localhost and 127.0.0.1) in the SSL bundle {@code gateway},
 * {@code server.ssl.bundle=gateway}, and a plain-HTTP redirect port. Real HTTPS calls
 * that trust only that certificate, and real plain-HTTP calls to the redirect port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.ssl.bundle=gateway", "shop.gateway.tls.redirect-port=0" })
@UseTestJwtIssuer
class TlsTest {

	private static final Path TLS = Path.of("target/tls-test");

	private static final WireMockServer AUTH = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	@LocalServerPort
	int port;

	@Autowired
	HttpsRedirectServer redirectServer;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) throws Exception {
		selfSignedCertificate(TLS);
		registry.add("spring.ssl.bundle.pem.gateway.keystore.certificate", () -> "file:" + TLS.resolve("cert.pem"));
		registry.add("spring.ssl.bundle.pem.gateway.keystore.private-key", () -> "file:" + TLS.resolve("key.pem"));
		AUTH.start();
		registry.add("shop.auth.url", AUTH::baseUrl);
		registry.add("shop.services.order-url", AUTH::baseUrl);
		registry.add("shop.services.inventory-url", AUTH::baseUrl);
	}

	@AfterAll
	static void stopAuthService() {
		AUTH.stop();
	}

	@Test
	void answersOverHttpsWithHsts() throws Exception {
		HttpResponse<String> answer = send(trustingTheCertificate(),
				"https://localhost:" + this.port + "/actuator/health/readiness");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"status\":\"UP\"");
		assertThat(answer.headers().allValues("Strict-Transport-Security"))
			.containsExactly("max-age=31536000 ; includeSubDomains");
		assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void tellsAuthServiceTheBrowserUsedHttps() throws Exception {
		AUTH.stubFor(get(urlEqualTo("/oauth2/authorize?client_id=web"))
			.willReturn(aResponse().withStatus(302).withHeader(HttpHeaders.LOCATION, "https://localhost/login")));

		HttpResponse<String> answer = send(trustingTheCertificate(),
				"https://localhost:" + this.port + "/oauth2/authorize?client_id=web");

		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Strict-Transport-Security")).isPresent();
		AUTH.verify(getRequestedFor(urlEqualTo("/oauth2/authorize?client_id=web"))
			.withHeader("X-Forwarded-Proto", equalTo("https"))
			.withHeader("X-Forwarded-Host", equalTo("localhost:" + this.port))
			.withHeader("X-Forwarded-Port", equalTo(Integer.toString(this.port))));
	}

	@Test
	void refusesAClientThatDoesNotTrustTheCertificate() {
		HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> send(defaultTrust, "https://localhost:" + this.port + "/actuator/health"));
	}

	@Test
	void redirectsPlainHttpToTheSamePathAndQueryOverHttpsWithoutHsts() throws Exception {
		HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		HttpResponse<String> get = send(plain,
				"http://localhost:" + this.redirectServer.port() + "/api/orders?page=1&size=5");
		HttpResponse<String> post = plain
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.redirectServer.port() + "/login"))
				.POST(HttpRequest.BodyPublishers.ofString("username=a&password=b"))
				.header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(get.statusCode()).isEqualTo(308);
		assertThat(get.headers().firstValue(HttpHeaders.LOCATION))
			.hasValue("https://localhost:" + this.port + "/api/orders?page=1&size=5");
		assertThat(get.headers().map()).doesNotContainKey("strict-transport-security");
		assertThat(post.statusCode()).isEqualTo(308);
		assertThat(post.headers().firstValue(HttpHeaders.LOCATION))
			.hasValue("https://127.0.0.1:" + this.port + "/login");
		assertThat(post.headers().map()).doesNotContainKey("strict-transport-security");
		assertThat(this.redirectServer.port()).isNotEqualTo(this.port);
	}

	@Test
	void bringsABrowserThatFollowsTheRedirectToTheGateway() throws Exception {
		HttpClient following = HttpClient.newBuilder()
			.sslContext(sslContextTrustingTheCertificate())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		HttpResponse<String> answer = send(following,
				"http://localhost:" + this.redirectServer.port() + "/actuator/health/readiness");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.uri()).hasToString("https://localhost:" + this.port + "/actuator/health/readiness");
		assertThat(answer.headers().firstValue("Strict-Transport-Security")).isPresent();
	}

	@Test
	void redirectsToTheHostTheRequestNamedWithoutItsPort() {
		assertThat(HttpsRedirectServer.location("shop.example.com:80", "/api/orders?x=1", 443))
			.isEqualTo("https://shop.example.com/api/orders?x=1");
		assertThat(HttpsRedirectServer.location("[::1]:8080", "/", 8443)).isEqualTo("https://[::1]:8443/");
		assertThat(HttpsRedirectServer.location("evil.example/path", "/", 443)).isNull();
		assertThat(HttpsRedirectServer.location(null, "/", 443)).isNull();
	}

	private HttpClient trustingTheCertificate() throws Exception {
		return HttpClient.newBuilder()
			.sslContext(sslContextTrustingTheCertificate())
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	private static HttpResponse<String> send(HttpClient client, String url) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static SSLContext sslContextTrustingTheCertificate() throws Exception {
		Certificate certificate;
		try (InputStream pem = Files.newInputStream(TLS.resolve("cert.pem"))) {
			certificate = CertificateFactory.getInstance("X.509").generateCertificate(pem);
		}
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		trusted.setCertificateEntry("gateway", certificate);
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	/**
	 * A self-signed certificate and its unencrypted PKCS#8 key, as {@code ./run-local.sh
	 * --tls} makes them.
	 */
	private static void selfSignedCertificate(Path directory) throws IOException, InterruptedException {
		Files.createDirectories(directory);
		Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
				"-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout",
				directory.resolve("key.pem").toString(), "-out", directory.resolve("cert.pem").toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(openssl.getInputStream().readAllBytes());
		assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(openssl.exitValue()).as(output).isZero();
	}

}
