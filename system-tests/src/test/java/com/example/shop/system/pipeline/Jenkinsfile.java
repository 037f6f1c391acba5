package com.example.shop.system.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A Jenkinsfile to dry-run, in the spirit of JenkinsPipelineUnit: compiled by the Groovy
 * generation Jenkins runs pipelines with, against {@link PipelineScript}'s recording
 * stubs, in a multibranch job's situation that each test describes: the branch, the last
 * successful build's commit, the parameters, what {@code ci/affected-services} prints and
 * which commands fail.
 */
final class Jenkinsfile {

	private final Path file;

	private final Map<String, @Nullable Object> env = new LinkedHashMap<>();

	private final Map<String, @Nullable Object> params = new LinkedHashMap<>();

	private final Map<String, String> outputs = new LinkedHashMap<>();

	private final Set<String> failing = new HashSet<>();

	private Jenkinsfile(Path file) {
		this.file = file;
		this.env.put("BRANCH_NAME", "main");
	}

	static Jenkinsfile at(Path file) {
		return new Jenkinsfile(file);
	}

	Jenkinsfile onBranch(String name) {
		this.env.put("BRANCH_NAME", name);
		return this;
	}

	/** The commit of the branch's last successful build; none on a first build. */
	Jenkinsfile previousSuccessfulCommit(String commit) {
		this.env.put("GIT_PREVIOUS_SUCCESSFUL_COMMIT", commit);
		return this;
	}

	Jenkinsfile withParameter(String name, Object value) {
		this.params.put(name, value);
		return this;
	}

	/** What the stubbed {@code ci/affected-services} prints: one service per line. */
	Jenkinsfile affectedServices(String... services) {
		this.outputs.put("ci/affected-services", String.join("\n", services) + "\n");
		return this;
	}

	/** A command that exits non-zero. */
	Jenkinsfile failing(String command) {
		this.failing.add(command);
		return this;
	}

	PipelineRun run() {
		CompilerConfiguration configuration = new CompilerConfiguration();
		configuration.setScriptBaseClass(PipelineScript.class.getName());
		GroovyShell shell = new GroovyShell(getClass().getClassLoader(), new Binding(), configuration);
		try {
			PipelineScript script = (PipelineScript) shell.parse(this.file.toFile());
			return script.runWith(new PipelineRun(this.env, this.params, this.outputs, this.failing));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
