package com.example.shop.system.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ci/affected-services} run for real on a temporary git repository that holds this
 * project's poms, module layout and ci/ scripts, with commits that touch one part of it
 * at a time.
 */
class AffectedServicesTests {

	private static final Path ROOT = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

	private static final List<String> SERVICES = List.of("config-service", "auth-service", "inventory-service",
			"order-service", "gateway-service");

	@TempDir
	Path repository;

	private String base = "";

	@BeforeEach
	void copyTheProjectLayoutIntoAFreshRepository() throws Exception {
		copy("pom.xml", "README.md", "docs/architecture.md", "ci/lib.sh", "ci/affected-services");
		try (Stream<Path> modules = Files.list(ROOT)) {
			for (Path module : modules.filter((folder) -> Files.isRegularFile(folder.resolve("pom.xml"))).toList()) {
				copy(module.getFileName() + "/pom.xml");
			}
		}
		git("init", "--quiet", "--initial-branch=main");
		this.base = commit("the project");
	}

	@Test
	void printsOnlyOrderServiceForAChangeToOrderServiceCode() throws Exception {
		write("order-service/src/main/java/com/example/shop/order/Discounts.java", "class Discounts {}");
		commit("order-service: discounts");

		assertThat(affected(this.base, "HEAD").services()).containsExactly("order-service");
	}

	@Test
	void printsEveryServiceThatDependsOnCommonLibForACommonLibChange() throws Exception {
		write("common-lib/src/main/java/com/example/shop/common/problem/Problems.java", "class Problems {}");
		commit("common-lib: problems");

		assertThat(affected(this.base, "HEAD").services()).containsExactlyElementsOf(SERVICES);
	}

	@Test
	void printsNothingForAReadmeOnlyChange() throws Exception {
		write("README.md", "# shop\n\nNew words.\n");
		commit("README: new words");

		Printed printed = affected(this.base, "HEAD");
		assertThat(printed.exitCode()).isZero();
		assertThat(printed.services()).isEmpty();
		assertThat(printed.explanation()).contains("README.md: documentation", "no service is affected");
	}

	@Test
	void printsNothingForDocumentationAnywhere() throws Exception {
		write("docs/delivery.md", "# Delivery\n");
		write("order-service/README.md", "# order-service\n");
		commit("docs");

		assertThat(affected(this.base, "HEAD").services()).isEmpty();
	}

	@Test
	void printsEveryServiceForARootPomChange() throws Exception {
		write("pom.xml",
				Files.readString(this.repository.resolve("pom.xml")).replace("<java.version>17", "<java.version>21"));
		commit("Java 21");

		assertThat(affected(this.base, "HEAD").services()).containsExactlyElementsOf(SERVICES);
	}

	@Test
	void printsEveryServiceOnAFirstBuild() throws Exception {
		assertThat(affected("", "HEAD").services()).containsExactlyElementsOf(SERVICES);
		assertThat(affected().services()).containsExactlyElementsOf(SERVICES);
		assertThat(affected("0123456789abcdef0123456789abcdef01234567", "HEAD").services())
			.as("a base commit the repository does not have")
			.containsExactlyElementsOf(SERVICES);
	}

	@Test
	void printsEveryServiceWhenAskedForAll() throws Exception {
		assertThat(affected("--all").services()).containsExactlyElementsOf(SERVICES);
	}

	@Test
	void printsEveryServiceForAChangeToTheSharedImageBuild() throws Exception {
		write("Dockerfile", "FROM eclipse-temurin:17-jre\n");
		commit("images");

		assertThat(affected(this.base, "HEAD").services()).containsExactlyElementsOf(SERVICES);
	}

	@Test
	void printsTheServiceAndConfigServiceForAChangeToThatServicesCentralSettings() throws Exception {
		write("config-repo/order-service-docker.yml", "orders:\n  max-lines: 12\n");
		commit("order-service: more lines in docker");

		assertThat(affected(this.base, "HEAD").services()).containsExactly("config-service", "order-service");
	}

	@Test
	void printsEveryServiceForAChangeToTheSettingsEveryServiceReads() throws Exception {
		write("config-repo/application.yml", "management:\n  tracing:\n    enabled: false\n");
		commit("central settings");

		assertThat(affected(this.base, "HEAD").services()).containsExactlyElementsOf(SERVICES);
	}

	@Test
	void printsNothingForAChangeToThePipelineOrTheSystemTests() throws Exception {
		write("Jenkinsfile", "pipeline {}\n");
		write("ci/smoke", "#!/usr/bin/env bash\n");
		write("system-tests/src/test/java/com/example/shop/system/MoreSystemTest.java", "class MoreSystemTest {}");
		commit("pipeline and system tests");

		Printed printed = affected(this.base, "HEAD");
		assertThat(printed.services()).isEmpty();
		assertThat(printed.explanation()).contains("Jenkinsfile: the pipeline itself",
				"system-tests/src/test/java/com/example/shop/system/MoreSystemTest.java: module system-tests");
	}

	@Test
	void followsDependenciesThroughOtherModules() throws Exception {
		write("money-lib/pom.xml", """
				<project>
					<parent>
						<groupId>com.example.shop</groupId>
						<artifactId>shop-parent</artifactId>
						<version>0.1.0-SNAPSHOT</version>
					</parent>
					<artifactId>money</artifactId>
				</project>
				""");
		write("pom.xml", Files.readString(this.repository.resolve("pom.xml"))
			.replace("<module>common-lib</module>", "<module>money-lib</module>\n\t\t<module>common-lib</module>"));
		write("common-lib/pom.xml",
				Files.readString(this.repository.resolve("common-lib/pom.xml")).replace("<dependencies>", """
						<dependencies>
								<dependency>
									<groupId>${project.groupId}</groupId>
									<artifactId>money</artifactId>
									<version>${project.version}</version>
								</dependency>
						"""));
		String withMoney = commit("money-lib, used by common-lib");
		write("money-lib/src/main/java/com/example/shop/money/Money.java", "record Money() {}");
		commit("money-lib: money");

		assertThat(affected(withMoney, "HEAD").services()).containsExactlyElementsOf(SERVICES);
	}

	@Test
	void failsWithAOneLineReasonForAnUnknownHead() throws Exception {
		Printed printed = affected(this.base, "no-such-branch");

		assertThat(printed.exitCode()).isNotZero();
		assertThat(printed.services()).isEmpty();
		assertThat(printed.explanation().lines())
			.containsExactly("ERROR: no-such-branch is not a commit of this repository");
	}

	private Printed affected(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of(this.repository.resolve("ci/affected-services").toString()));
		command.addAll(List.of(arguments));
		Path errors = this.repository.resolve(".git/affected-services.err");
		Process process = new ProcessBuilder(command).directory(this.repository.toFile())
			.redirectError(errors.toFile())
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ci/affected-services finished within 30 s").isTrue();
		return new Printed(process.exitValue(), output.lines().toList(), Files.readString(errors));
	}

	/** What ci/affected-services printed: the services, and why on standard error. */
	private record Printed(int exitCode, List<String> services, String explanation) {
	}

	private void copy(String... paths) throws IOException {
		for (String path : paths) {
			Path target = this.repository.resolve(path);
			Files.createDirectories(target.getParent());
			Files.copy(ROOT.resolve(path), target, StandardCopyOption.COPY_ATTRIBUTES);
		}
	}

	private void write(String path, String content) throws IOException {
		Path file = this.repository.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private String commit(String message) throws Exception {
		git("add", "--all");
		git("commit", "--quiet", "--message", message);
		return git("rev-parse", "HEAD").strip();
	}

	private String git(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("git", "-c", "commit.gpgsign=false"));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.repository.toFile())
			.redirectErrorStream(true);
		builder.environment()
			.putAll(Map.of("GIT_AUTHOR_NAME", "Test", "GIT_AUTHOR_EMAIL", "test@example.com", "GIT_COMMITTER_NAME",
					"Test", "GIT_COMMITTER_EMAIL", "test@example.com", "GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_GLOBAL",
					"/dev/null"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("git %s: %s", String.join(" ", arguments), output).isZero();
		return output;
	}

}
