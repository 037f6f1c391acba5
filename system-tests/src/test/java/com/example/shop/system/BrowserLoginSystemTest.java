package com.example.shop.system;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.example.shop.system.Gateway.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login in a real browser: headless Chromium (Debian's {@code chromium}, driven
 * through its {@code chromedriver}) opens the browser app's authorization request at the
 * gateway, is sent to the login page, fills in the form and submits it under the page's
 * own Content-Security-Policy, and lands on the app's redirect URI (a small server of
 * this test's) with a code, which the app exchanges for a token that places an order.
 */
@ExtendWith(ShopSystem.Extension.class)
class BrowserLoginSystemTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private HttpServer app;

	private WebDriver browser;

	private Path profile;

	@BeforeEach
	void startTheAppAndTheBrowser() throws IOException {
		assertThat(CHROMIUM).as("Debian's chromium package (.ci/run installs it)").isExecutable();
		assertThat(CHROMEDRIVER).as("Debian's chromium-driver package (.ci/run installs it)").isExecutable();
		this.app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.app.createContext("/callback", (exchange) -> {
			byte[] page = "<!doctype html><title>Signed in</title><p>Signed in.".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(page);
			}
		});
		this.app.start();
		this.profile = Files.createTempDirectory("chromium-profile");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			// As root in CI, without a GPU, and without the background traffic a closed
			// network refuses.
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--user-data-dir=" + this.profile);
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		this.browser = new ChromeDriver(driver, options);
	}

	@AfterEach
	void stop() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.app != null) {
			this.app.stop(0);
		}
		if (this.profile != null) {
			ShopSystem.deleteRecursively(this.profile);
		}
	}

	@Test
	void aPersonLogsInWithTheBrowserAndTheAppPlacesAnOrderWithTheirToken(ShopSystem system, Gateway gateway) {
		String redirectUri = "http://127.0.0.1:" + this.app.getAddress().getPort() + "/callback";
		LoginFlow flow = new LoginFlow(system.gatewayUrl(), redirectUri);

		this.browser.get(flow.authorizeUrl());
		assertThat(this.browser.getCurrentUrl()).isEqualTo(system.gatewayUrl() + "/login");
		this.browser.findElement(By.name("username")).sendKeys("alice");
		this.browser.findElement(By.name("password")).sendKeys("alice-password");
		this.browser.findElement(By.cssSelector("form button[type=submit], form input[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20)).withMessage(
				() -> "the browser stayed at " + this.browser.getCurrentUrl() + ":\n" + this.browser.getPageSource())
			.until((page) -> page.getCurrentUrl().startsWith(redirectUri));

		assertThat(this.browser.getTitle()).isEqualTo("Signed in");
		String token = flow.tokens(flow.codeFrom(this.browser.getCurrentUrl())).get("access_token").asString();
		String stock = gateway.token(ShopSystem.DEMO_CLIENT, ShopSystem.DEMO_SECRET, "inventory:write");
		String sku = TestData.newItem(gateway, stock, 2);
		Response placed = TestData.placeOrder(gateway, token, "browser-" + sku, Map.of(sku, 1));
		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
		assertThat(gateway.get("/api/orders/" + placed.json().get("id").asString()).token(token).send().status())
			.isEqualTo(200);
	}

}
