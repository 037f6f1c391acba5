package com.example.shop.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.cloud.config.server.environment.MultipleJGitEnvironmentProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commented ssh settings of the git profile in {@code application.yml} are real
 * properties of the git backend: uncommented as an operator would, with the variables
 * set, they bind to the server's git settings. (Reaching an ssh server needs one; the
 * tests have none, so only the binding is checked here.)
 */
class GitSshSettingsTests {

	@Test
	void theCommentedSshSettingsBindToTheGitBackendWhenUncommented() throws IOException {
		String yaml = Files.readString(Path.of("src/main/resources/application.yml"));
		String gitProfile = yaml.substring(yaml.lastIndexOf("---"));
		String uncommented = gitProfile.lines()
			.map((line) -> line.replaceFirst("^(\\s*)# (ignore-local-ssh-settings|private-key|strict-host-key-checking"
					+ "|host-key|host-key-algorithm):", "$1$2:"))
			.collect(Collectors.joining("\n"));
		assertThat(uncommented).isNotEqualTo(gitProfile);
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("git-profile",
				new ByteArrayResource(uncommented.getBytes()));
		StandardEnvironment environment = new StandardEnvironment();
		sources.forEach(environment.getPropertySources()::addLast);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("variables",
					Map.of("CONFIG_GIT_URI", "git@github.com:example/shop-config.git", "CONFIG_GIT_PRIVATE_KEY",
							"-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----",
							"CONFIG_GIT_HOST_KEY",
							"AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")));

		MultipleJGitEnvironmentProperties git = Binder.get(environment)
			.bind("spring.cloud.config.server.git", MultipleJGitEnvironmentProperties.class)
			.get();

		assertThat(git.getUri()).isEqualTo("git@github.com:example/shop-config.git");
		assertThat(git.getPrivateKey()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
		assertThat(git.isIgnoreLocalSshSettings()).isTrue();
		assertThat(git.isStrictHostKeyChecking()).isTrue();
		assertThat(git.getHostKey()).startsWith("AAAAC3NzaC1lZDI1NTE5");
		assertThat(git.getHostKeyAlgorithm()).isEqualTo("ssh-ed25519");
		assertThat(git.getRefreshRate()).isEqualTo(30);
	}

}
