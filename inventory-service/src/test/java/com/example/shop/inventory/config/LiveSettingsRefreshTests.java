package com.example.shop.inventory.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import com.example.shop.common.test.TestJwtIssuer;
import com.example.shop.common.test.UseTestJwtIssuer;
import com.example.shop.inventory.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inventory.items.max-page-size} changes on {@code POST /actuator/refresh} (real
 * HTTP, real tokens, a real file that the refresh reloads); an invalid value is refused
 * and the old one kept; only the ops scope may refresh.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:live-settings;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
@UseTestJwtIssuer
class LiveSettingsRefreshTests {

	private static final Path settings = writeSettings("");

	static {
		// A system property, not a test property: the refresh rebuilds the environment
		// from
		// the system properties and the config files, as it does in production.
		System.setProperty("spring.config.import", "optional:file:" + settings);
	}

	@LocalServerPort
	private int port;

	@AfterAll
	static void deleteSettings() throws IOException {
		System.clearProperty("spring.config.import");
		Files.deleteIfExists(settings);
	}

	@Test
	void appliesANewMaximumPageSizeToTheNextRequestAndRefusesAnInvalidOne() {
		String ops = TestJwtIssuer.shared().token("operator", "ops");
		assertThat(pageSizeFor(50)).contains("\"size\":50");

		writeSettings("inventory.items.max-page-size: 7\n");
		assertThat(refresh(ops).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(pageSizeFor(50)).contains("\"size\":7");

		writeSettings("inventory.items.max-page-size: 0\n");
		refresh(ops);
		assertThat(pageSizeFor(50)).contains("\"size\":7");

		writeSettings("inventory.items.max-page-size: 100\n");
		refresh(ops);
		assertThat(pageSizeFor(50)).contains("\"size\":50");
	}

	@Test
	void refusesARefreshWithoutTheOpsScope() {
		ResponseEntity<String> reader = refresh(TestJwtIssuer.shared().token("test-client", Tokens.READ));

		assertThat(reader.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(reader.getHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
	}

	private String pageSizeFor(int requested) {
		return client().get()
			.uri("/api/inventory/items?size=" + requested)
			.header(HttpHeaders.AUTHORIZATION, Tokens.bearer(Tokens.READ))
			.retrieve()
			.body(String.class);
	}

	private ResponseEntity<String> refresh(String token) {
		return client().post()
			.uri("/actuator/refresh")
			.headers((headers) -> headers.setBearerAuth(token))
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
	}

	private RestClient client() {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + this.port)
			.build();
	}

	private static Path writeSettings(String yaml) {
		try {
			Path file = (settings != null) ? settings : Files.createTempFile("inventory-live-", ".yml");
			Files.writeString(file, yaml);
			return file;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
