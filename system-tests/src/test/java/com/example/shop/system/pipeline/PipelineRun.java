package com.example.shop.system.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What one dry run of a Jenkinsfile did: every stage entered and every step, each with
 * the parallel branch it ran in ({@code null} outside {@code parallel}), and the build's
 * result. Also holds what the stub steps answer: the environment, the parameters, the
 * output of {@code sh} commands and the commands that fail.
 */
final class PipelineRun {

	private static final List<String> RESULTS = List.of("SUCCESS", "UNSTABLE", "FAILURE");

	final Map<String, @Nullable Object> env;

	final Map<String, @Nullable Object> params;

	private final Map<String, String> outputs;

	private final Set<String> failing;

	private final List<Step> steps = new ArrayList<>();

	private final Build build = new Build();

	PipelineRun(Map<String, @Nullable Object> env, Map<String, @Nullable Object> params, Map<String, String> outputs,
			Set<String> failing) {
		this.env = new LinkedHashMap<>(env);
		this.params = new LinkedHashMap<>(params);
		this.outputs = outputs;
		this.failing = failing;
	}

	/**
	 * One recorded step: its name ({@code stage}, {@code sh}, {@code junit}...) and
	 * argument.
	 */
	record Step(@Nullable String branch, String name, String argument) {
	}

	void record(@Nullable String branch, String name, Object argument) {
		this.steps.add(new Step(branch, name, String.valueOf(argument)));
	}

	/**
	 * The standard output of a command: the stubbed output of the first matching prefix.
	 */
	String outputOf(String command) {
		return this.outputs.entrySet()
			.stream()
			.filter((output) -> command.startsWith(output.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse("");
	}

	boolean fails(String command) {
		return this.failing.contains(command);
	}

	Build build() {
		return this.build;
	}

	/** The stages entered outside any parallel branch, in order. */
	List<String> stages() {
		return argumentsOf(null, "stage");
	}

	/** The stages entered in one parallel branch, in order. */
	List<String> stagesOf(String branch) {
		return argumentsOf(branch, "stage");
	}

	/** The declarative stages whose {@code when} condition did not hold. */
	List<String> skippedStages() {
		return argumentsOf(null, "skipped");
	}

	/** The {@code sh} commands run outside any parallel branch, in order. */
	List<String> commands() {
		return argumentsOf(null, "sh");
	}

	/** The {@code sh} commands run in one parallel branch, in order. */
	List<String> commandsOf(String branch) {
		return argumentsOf(branch, "sh");
	}

	/** The credentials ids bound in one parallel branch, in order. */
	List<String> credentialsOf(String branch) {
		return argumentsOf(branch, "credentials");
	}

	/** What one parallel branch (or, with {@code null}, the pipeline) published. */
	List<String> publishedBy(@Nullable String branch) {
		return this.steps.stream()
			.filter((step) -> Objects.equals(step.branch(), branch))
			.filter((step) -> step.name().equals("junit") || step.name().equals("archiveArtifacts"))
			.map((step) -> step.name() + " " + step.argument())
			.toList();
	}

	/** The parallel branches, in the order they ran. */
	List<String> branches() {
		return argumentsOf(null, "branch");
	}

	List<String> options() {
		return argumentsOf(null, "option");
	}

	List<String> parameters() {
		return argumentsOf(null, "parameter");
	}

	List<Step> steps() {
		return List.copyOf(this.steps);
	}

	String result() {
		return this.build.getResult();
	}

	@Nullable String description() {
		return this.build.getDescription();
	}

	private List<String> argumentsOf(@Nullable String branch, String name) {
		return this.steps.stream()
			.filter((step) -> Objects.equals(step.branch(), branch) && step.name().equals(name))
			.map(Step::argument)
			.toList();
	}

	/**
	 * The {@code currentBuild} of the pipeline: public, with bean properties, for the
	 * Groovy code to read and write.
	 */
	public static final class Build {

		private String result = "SUCCESS";

		private @Nullable String description;

		public String getResult() {
			return this.result;
		}

		public String getCurrentResult() {
			return this.result;
		}

		/** Like Jenkins: a result can get worse, never better. */
		public void setResult(String result) {
			if (RESULTS.indexOf(result) > RESULTS.indexOf(this.result)) {
				this.result = result;
			}
		}

		public @Nullable String getDescription() {
			return this.description;
		}

		public void setDescription(@Nullable Object description) {
			this.description = (description != null) ? description.toString() : null;
		}

	}

}
