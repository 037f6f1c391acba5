package com.example.shop.system.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import groovy.lang.Closure;
import groovy.lang.Script;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;
import org.jspecify.annotations.Nullable;

/**
 * The base class a Jenkinsfile is compiled against in the tests: the declarative sections
 * and the steps it uses, as stubs that record what they are asked to do into a
 * {@link PipelineRun} instead of doing it. Declarative semantics kept: a stage's
 * {@code when} decides whether it runs, a failing stage skips the stages after it, post
 * conditions run after their stage or pipeline. Parallel branches run one after the
 * other. Public, with public methods, because Groovy code calls them.
 */
public abstract class PipelineScript extends Script {

	private PipelineRun run = new PipelineRun(Map.of(), Map.of(), Map.of(), Set.of());

	/** The parallel branch running now, {@code null} outside {@code parallel}. */
	private @Nullable String branch;

	/** The sections of the pipeline or declarative stage being read. */
	private @Nullable Sections reading;

	/**
	 * Inside {@code stages}: a {@code stage} is declarative, elsewhere a scripted one.
	 */
	private boolean declarative;

	private @Nullable List<BooleanSupplier> conditions;

	private @Nullable Map<String, Closure<?>> postConditions;

	/** Runs the Jenkinsfile, recording into the given run. */
	PipelineRun runWith(PipelineRun run) {
		this.run = run;
		run();
		return run;
	}

	// Declarative sections: read first, then run in Jenkins' order.

	public void pipeline(Closure<?> body) {
		Sections pipeline = read(body);
		call(pipeline.options);
		call(pipeline.parameters);
		setEnvironment(pipeline);
		try {
			this.declarative = true;
			call(pipeline.stages);
		}
		catch (StepFailure failure) {
			this.run.record(null, "error", failure.getMessage());
			this.run.build().setResult("FAILURE");
		}
		finally {
			this.declarative = false;
			runPost(pipeline.post);
		}
	}

	public void agent(Object agent) {
		sections().agent = agent;
	}

	public void options(Closure<?> body) {
		sections().options = body;
	}

	public void parameters(Closure<?> body) {
		sections().parameters = body;
	}

	public void environment(Closure<?> body) {
		sections().environment = body;
	}

	public void stages(Closure<?> body) {
		sections().stages = body;
	}

	public void when(Closure<?> body) {
		sections().when = body;
	}

	public void steps(Closure<?> body) {
		sections().steps = body;
	}

	public void post(Closure<?> body) {
		sections().post = body;
	}

	public void stage(String name, Closure<?> body) {
		if (!this.declarative) {
			this.run.record(this.branch, "stage", name);
			body.call();
			return;
		}
		Sections stage = read(body);
		if (stage.when != null && !holds(stage.when)) {
			this.run.record(this.branch, "skipped", name);
			return;
		}
		this.run.record(this.branch, "stage", name);
		this.declarative = false;
		try {
			call(stage.agent instanceof Closure<?> agent ? agent : null);
			setEnvironment(stage);
			call(stage.steps);
		}
		catch (StepFailure failure) {
			this.run.build().setResult("FAILURE");
			throw failure;
		}
		finally {
			runPost(stage.post);
			this.declarative = true;
		}
	}

	public void label(String label) {
		this.run.record(this.branch, "node", label);
	}

	public String getNone() {
		return "none";
	}

	public String getAny() {
		return "any";
	}

	// Options and parameters.

	public void timeout(Map<String, ?> args) {
		this.run.record(null, "option", "timeout " + args.get("time") + " " + args.get("unit"));
	}

	public void timestamps() {
		this.run.record(null, "option", "timestamps");
	}

	public void buildDiscarder(Object strategy) {
		this.run.record(null, "option", "buildDiscarder " + strategy);
	}

	public Map<String, ?> logRotator(Map<String, ?> args) {
		return args;
	}

	public void disableConcurrentBuilds() {
		this.run.record(null, "option", "disableConcurrentBuilds");
	}

	public void booleanParam(Map<String, ?> args) {
		String name = String.valueOf(args.get("name"));
		this.run.record(null, "parameter", name);
		this.run.params.putIfAbsent(name, args.get("defaultValue"));
	}

	// Conditions of when and post.

	public void expression(Closure<?> condition) {
		conditions().add(() -> DefaultTypeTransformation.castToBoolean(condition.call()));
	}

	public void branch(String name) {
		conditions().add(() -> name.equals(this.run.env.get("BRANCH_NAME")));
	}

	public void beforeAgent(boolean beforeAgent) {
	}

	public void always(Closure<?> body) {
		postConditions().put("always", body);
	}

	public void success(Closure<?> body) {
		postConditions().put("success", body);
	}

	public void failure(Closure<?> body) {
		postConditions().put("failure", body);
	}

	// Steps.

	public void script(Closure<?> body) {
		body.call();
	}

	public @Nullable Object sh(String script) {
		return sh(Map.of("script", script));
	}

	public @Nullable Object sh(Map<String, ?> args) {
		String command = String.valueOf(args.get("script"));
		this.run.record(this.branch, "sh", command);
		if (this.run.fails(command)) {
			throw new StepFailure("script returned exit code 1: " + command);
		}
		return Boolean.TRUE.equals(args.get("returnStdout")) ? this.run.outputOf(command) : null;
	}

	public void echo(Object message) {
		this.run.record(this.branch, "echo", message);
	}

	public void error(Object message) {
		throw new StepFailure(String.valueOf(message));
	}

	public void parallel(Map<String, ?> branches) {
		StepFailure failed = null;
		for (Map.Entry<String, ?> branch : branches.entrySet()) {
			if (branch.getValue() instanceof Closure<?> body) {
				this.run.record(null, "branch", branch.getKey());
				this.branch = branch.getKey();
				try {
					body.call();
				}
				catch (StepFailure failure) {
					failed = failure;
				}
				finally {
					this.branch = null;
				}
			}
		}
		if (failed != null) {
			throw failed;
		}
	}

	public void catchError(Map<String, ?> args, Closure<?> body) {
		try {
			body.call();
		}
		catch (StepFailure failure) {
			this.run.record(this.branch, "caught", failure.getMessage());
			this.run.build().setResult(String.valueOf(args.get("buildResult")));
		}
	}

	public void node(String label, Closure<?> body) {
		this.run.record(this.branch, "node", label);
		body.call();
	}

	public String getScm() {
		return "scm";
	}

	public void checkout(Object scm) {
		this.run.record(this.branch, "checkout", scm);
	}

	public void junit(Map<String, ?> args) {
		this.run.record(this.branch, "junit", args.get("testResults"));
	}

	public void archiveArtifacts(Map<String, ?> args) {
		this.run.record(this.branch, "archiveArtifacts", args.get("artifacts"));
	}

	public Map<String, ?> usernamePassword(Map<String, ?> args) {
		return args;
	}

	public Map<String, ?> string(Map<String, ?> args) {
		return args;
	}

	public Map<String, ?> file(Map<String, ?> args) {
		return args;
	}

	public void withCredentials(List<Map<String, ?>> bindings, Closure<?> body) {
		bindings.forEach((binding) -> this.run.record(this.branch, "credentials", binding.get("credentialsId")));
		body.call();
	}

	public void sshagent(Map<String, ?> args, Closure<?> body) {
		((List<?>) args.get("credentials")).forEach((id) -> this.run.record(this.branch, "credentials", id));
		body.call();
	}

	public void lock(String resource, Closure<?> body) {
		this.run.record(this.branch, "lock", resource);
		body.call();
	}

	// Global variables.

	public Map<String, @Nullable Object> getEnv() {
		return this.run.env;
	}

	public Map<String, @Nullable Object> getParams() {
		return this.run.params;
	}

	public PipelineRun.Build getCurrentBuild() {
		return this.run.build();
	}

	// How the sections are read and run.

	private Sections read(Closure<?> body) {
		Sections outer = this.reading;
		Sections sections = new Sections();
		this.reading = sections;
		try {
			body.call();
		}
		finally {
			this.reading = outer;
		}
		return sections;
	}

	private Sections sections() {
		if (this.reading == null) {
			throw new IllegalStateException("a declarative section outside pipeline or stage");
		}
		return this.reading;
	}

	private void setEnvironment(Sections sections) {
		if (sections.environment != null) {
			sections.environment.setDelegate(this.run.env);
			sections.environment.setResolveStrategy(Closure.DELEGATE_FIRST);
			sections.environment.call();
		}
	}

	private boolean holds(Closure<?> when) {
		this.conditions = new ArrayList<>();
		try {
			when.call();
			return this.conditions.stream().allMatch(BooleanSupplier::getAsBoolean);
		}
		finally {
			this.conditions = null;
		}
	}

	private void runPost(@Nullable Closure<?> post) {
		if (post == null) {
			return;
		}
		Map<String, Closure<?>> conditions = new LinkedHashMap<>();
		this.postConditions = conditions;
		try {
			post.call();
		}
		finally {
			this.postConditions = null;
		}
		boolean outer = this.declarative;
		this.declarative = false;
		try {
			call(conditions.get("always"));
			call(conditions.get(this.run.result().equals("FAILURE") ? "failure" : "success"));
		}
		finally {
			this.declarative = outer;
		}
	}

	private List<BooleanSupplier> conditions() {
		if (this.conditions == null) {
			throw new IllegalStateException("a condition outside when");
		}
		return this.conditions;
	}

	private Map<String, Closure<?>> postConditions() {
		if (this.postConditions == null) {
			throw new IllegalStateException("a post condition outside post");
		}
		return this.postConditions;
	}

	private static void call(@Nullable Closure<?> body) {
		if (body != null) {
			body.call();
		}
	}

	/** The sections of a pipeline or a declarative stage. */
	private static final class Sections {

		@Nullable Object agent;

		@Nullable Closure<?> options;

		@Nullable Closure<?> parameters;

		@Nullable Closure<?> environment;

		@Nullable Closure<?> stages;

		@Nullable Closure<?> when;

		@Nullable Closure<?> steps;

		@Nullable Closure<?> post;

	}

	/** A step that failed, as a non-zero exit of {@code sh} or {@code error}. */
	static final class StepFailure extends RuntimeException {

		StepFailure(String message) {
			super(message);
		}

	}

}
