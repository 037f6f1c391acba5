package com.example.shop.system.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The scripts in ci/ keep the project's shell conventions: shellcheck-clean, a usage line
 * at the top, strict mode, and runnable as they are.
 */
class CiScriptsTests {

	private static final Path ROOT = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

	@Test
	void everyScriptInCiPassesShellcheck() throws Exception {
		assertShellcheckClean(scripts());
	}

	@Test
	void everyOtherScriptOfTheProjectPassesShellcheck() throws Exception {
		assertShellcheckClean(Stream
			.of("run-local.sh", ".ci/run", ".ci/docker-engine", ".ci/delivery-check", "docker/init-secrets",
					"docker/standins/build", "docker/standins/postgres/docker-entrypoint.sh", "bench/orders-hold",
					"bench/gateway", "bench/orders", "bench/startup", "bench/lib.sh")
			.map(ROOT::resolve)
			.toList());
	}

	private static void assertShellcheckClean(List<Path> scripts) throws Exception {
		List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources"));
		scripts.forEach((script) -> command.add(ROOT.relativize(script).toString()));
		Process process;
		try {
			process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			fail("shellcheck is not installed (apt-get install shellcheck): the ci/ scripts must be checked with it");
			return;
		}
		String findings = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("shellcheck finished within 2 minutes").isTrue();
		assertThat(process.exitValue())
			.as("shellcheck %s:%n%s", String.join(" ", command.subList(2, command.size())), findings)
			.isZero();
	}

	@Test
	void everyStepScriptSaysHowToUseItRunsInStrictModeAndIsExecutable() throws Exception {
		List<Path> steps = scripts().stream()
			.filter((script) -> !script.getFileName().toString().endsWith(".sh"))
			.toList();

		assertThat(steps).extracting((step) -> step.getFileName().toString())
			.contains("affected-services", "build", "integration-test", "sbom", "system-test");
		for (Path step : steps) {
			List<String> lines = Files.readAllLines(step);
			assertThat(lines).as(step.toString()).first().isEqualTo("#!/usr/bin/env bash");
			assertThat(lines.get(1)).as(step + ": a usage line at the top")
				.startsWith("# Usage: ci/" + step.getFileName());
			assertThat(lines).as(step.toString()).contains("set -euo pipefail");
			assertThat(step).isExecutable();
		}
	}

	private static List<Path> scripts() throws IOException {
		try (Stream<Path> files = Files.list(ROOT.resolve("ci"))) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
	}

}
