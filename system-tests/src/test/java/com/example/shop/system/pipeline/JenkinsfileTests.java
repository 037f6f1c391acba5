package com.example.shop.system.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import groovy.lang.GroovySystem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jenkinsfile, parsed by the Groovy generation Jenkins runs pipelines with and
 * dry-run with recording stub steps ({@link Jenkinsfile}): which stages and commands run
 * for each service in the situations a multibranch job meets.
 */
class JenkinsfileTests {

	private static final Path ROOT = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

	private static final List<String> SERVICES = List.of("config-service", "auth-service", "inventory-service",
			"order-service", "gateway-service");

	private static final List<String> COMMON_LIB_USERS = List.of("auth-service", "inventory-service", "order-service",
			"gateway-service");

	private static final List<String> VERIFY_STAGES = List.of("Build & unit tests", "Integration tests", "Image",
			"SBOM");

	private static final List<String> DELIVER_STAGES = List.of("Build & unit tests", "Integration tests", "Image",
			"SBOM", "Push", "Deploy", "Smoke");

	private final Jenkinsfile jenkinsfile = Jenkinsfile.at(ROOT.resolve("Jenkinsfile"))
		.onBranch("feature/discounts")
		.previousSuccessfulCommit("4f1c2e7");

	@Test
	void parsesWithTheGroovyGenerationJenkinsRunsPipelinesWith() {
		PipelineRun run = this.jenkinsfile.affectedServices("order-service").run();

		assertThat(GroovySystem.getVersion()).startsWith("2.4.");
		assertThat(run.stages()).isNotEmpty();
	}

	@Test
	void runsOnlyOrderServiceStagesForAnOrderServiceChange() {
		PipelineRun run = this.jenkinsfile.affectedServices("order-service").run();

		assertThat(run.commands()).containsExactly("ci/affected-services '4f1c2e7' HEAD", "ci/system-test");
		assertThat(run.branches()).containsExactly("order-service");
		assertThat(run.stagesOf("order-service")).containsExactlyElementsOf(VERIFY_STAGES);
		assertThat(run.commandsOf("order-service")).containsExactly("ci/build order-service",
				"ci/integration-test order-service", "ci/image order-service", "ci/sbom order-service");
		assertThat(run.description()).isEqualTo("affected: order-service");
		assertThat(run.result()).isEqualTo("SUCCESS");
	}

	@Test
	void runsTheStagesOfEveryServiceUsingCommonLibForACommonLibChange() {
		PipelineRun run = this.jenkinsfile.affectedServices(COMMON_LIB_USERS.toArray(String[]::new)).run();

		assertThat(run.branches()).containsExactlyElementsOf(COMMON_LIB_USERS);
		assertThat(COMMON_LIB_USERS).allSatisfy((service) -> {
			assertThat(run.stagesOf(service)).containsExactlyElementsOf(VERIFY_STAGES);
			assertThat(run.commandsOf(service)).containsExactly("ci/build " + service, "ci/integration-test " + service,
					"ci/image " + service, "ci/sbom " + service);
		});
		assertThat(run.result()).isEqualTo("SUCCESS");
	}

	@Test
	void runsNoServiceStageForADocsOnlyChangeAndStaysGreen() {
		PipelineRun run = this.jenkinsfile.affectedServices().run();

		assertThat(run.stages()).containsExactly("Affected services");
		assertThat(run.skippedStages()).containsExactly("Services", "System tests");
		assertThat(run.branches()).isEmpty();
		assertThat(run.commands()).containsExactly("ci/affected-services '4f1c2e7' HEAD");
		assertThat(run.description()).isEqualTo("affected: none");
		assertThat(run.result()).isEqualTo("SUCCESS");
	}

	@Test
	void asksForEveryServiceOnAFirstBuild() {
		PipelineRun run = Jenkinsfile.at(ROOT.resolve("Jenkinsfile"))
			.onBranch("feature/discounts")
			.affectedServices(SERVICES.toArray(String[]::new))
			.run();

		assertThat(run.commands()).first().isEqualTo("ci/affected-services '' HEAD");
		assertThat(run.branches()).containsExactlyElementsOf(SERVICES);
		assertThat(SERVICES)
			.allSatisfy((service) -> assertThat(run.stagesOf(service)).containsExactlyElementsOf(VERIFY_STAGES));
	}

	@Test
	void asksForEveryServiceWhenForcedWhateverChanged() {
		PipelineRun run = this.jenkinsfile.withParameter("FORCE_ALL", true)
			.affectedServices(SERVICES.toArray(String[]::new))
			.run();

		assertThat(run.commands()).first().isEqualTo("ci/affected-services --all");
		assertThat(run.branches()).containsExactlyElementsOf(SERVICES);
	}

	@Test
	void asksOnlyForTheChangeSinceTheLastSuccessfulBuildWhenNotForced() {
		PipelineRun run = this.jenkinsfile.affectedServices("order-service").run();

		assertThat(run.parameters()).containsExactly("FORCE_ALL");
		assertThat(run.commands()).first().isEqualTo("ci/affected-services '4f1c2e7' HEAD");
	}

	@Test
	void keepsBuildingTheOtherServicesWhenOneFailsAndTurnsTheBuildRed() {
		PipelineRun run = this.jenkinsfile.onBranch("main")
			.affectedServices("auth-service", "inventory-service", "order-service")
			.failing("ci/integration-test inventory-service")
			.run();

		assertThat(run.stagesOf("inventory-service")).containsExactly("Build & unit tests", "Integration tests");
		assertThat(run.commandsOf("inventory-service")).containsExactly("ci/build inventory-service",
				"ci/integration-test inventory-service");
		assertThat(run.publishedBy("inventory-service")).as("the failing service's reports are still published")
			.hasSize(2);
		assertThat(List.of("auth-service", "order-service")).allSatisfy((service) -> {
			assertThat(run.stagesOf(service)).containsExactlyElementsOf(DELIVER_STAGES);
			assertThat(run.commandsOf(service)).contains("ci/deploy " + service);
		});
		assertThat(run.result()).isEqualTo("FAILURE");
	}

	@Test
	void stopsRedWhenTheAffectedServicesCannotBeWorkedOut() {
		PipelineRun run = this.jenkinsfile.failing("ci/affected-services '4f1c2e7' HEAD").run();

		assertThat(run.stages()).containsExactly("Affected services");
		assertThat(run.branches()).isEmpty();
		assertThat(run.result()).isEqualTo("FAILURE");
	}

	@Test
	void neitherPushesNorDeploysFromABranchOtherThanMain() {
		PipelineRun run = this.jenkinsfile.onBranch("feature/discounts")
			.affectedServices("order-service", "gateway-service")
			.run();

		assertThat(run.branches()).allSatisfy((service) -> {
			assertThat(run.stagesOf(service)).containsExactlyElementsOf(VERIFY_STAGES);
			assertThat(run.credentialsOf(service)).isEmpty();
		});
		assertThat(run.steps()).noneMatch((step) -> step.argument().startsWith("ci/push")
				|| step.argument().startsWith("ci/deploy") || step.argument().startsWith("ci/smoke"));
	}

	@Test
	void pushesDeploysAndSmokeTestsEachAffectedServiceOnMain() {
		PipelineRun run = this.jenkinsfile.onBranch("main").affectedServices("order-service", "gateway-service").run();

		assertThat(run.branches()).containsExactly("order-service", "gateway-service");
		assertThat(run.stagesOf("order-service")).containsExactlyElementsOf(DELIVER_STAGES);
		assertThat(run.commandsOf("order-service")).containsExactly("ci/build order-service",
				"ci/integration-test order-service", "ci/image order-service", "ci/sbom order-service",
				"ci/push order-service", "ci/deploy order-service", "ci/smoke");
		assertThat(run.credentialsOf("order-service")).containsExactly("shop-registry", "shop-deploy-host",
				"shop-deploy-env", "shop-deploy-ssh", "shop-smoke-client");
		assertThat(run.stagesOf("gateway-service")).containsExactlyElementsOf(DELIVER_STAGES);
		assertThat(run.result()).isEqualTo("SUCCESS");
	}

	@Test
	void deploysOneServiceAtATime() {
		PipelineRun run = this.jenkinsfile.onBranch("main").affectedServices("order-service", "gateway-service").run();

		assertThat(run.steps()).filteredOn((step) -> step.name().equals("lock"))
			.extracting(PipelineRun.Step::argument)
			.containsExactly("shop-deployment", "shop-deployment");
	}

	@Test
	void buildsEachServiceInANodeAndWorkspaceOfItsOwn() {
		PipelineRun run = this.jenkinsfile.affectedServices("order-service", "gateway-service").run();

		assertThat(run.steps()).filteredOn((step) -> "order-service".equals(step.branch()))
			.extracting(PipelineRun.Step::name)
			.startsWith("node", "checkout");
		assertThat(run.steps()).filteredOn((step) -> "gateway-service".equals(step.branch()))
			.extracting(PipelineRun.Step::name)
			.startsWith("node", "checkout");
	}

	@Test
	void publishesTheTestReportsAndTheSbomOfEachService() {
		PipelineRun run = this.jenkinsfile.affectedServices("order-service", "gateway-service").run();

		assertThat(run.publishedBy("order-service")).containsExactly(
				"junit **/target/surefire-reports/*.xml, **/target/failsafe-reports/*.xml",
				"archiveArtifacts order-service/target/bom.*");
		assertThat(run.publishedBy("gateway-service")).contains("archiveArtifacts gateway-service/target/bom.*");
		assertThat(run.publishedBy(null)).containsExactly("junit system-tests/target/failsafe-reports/*.xml");
	}

	@Test
	void runsTheSystemTestsOnceAfterTheServices() {
		PipelineRun run = this.jenkinsfile.affectedServices("order-service", "gateway-service").run();

		assertThat(run.stages()).containsExactly("Affected services", "Services", "System tests");
		assertThat(run.commands()).containsOnlyOnce("ci/system-test").last().isEqualTo("ci/system-test");
	}

	@Test
	void limitsTimeKeepsTimestampsDiscardsOldBuildsAndNeverBuildsABranchTwiceAtOnce() {
		PipelineRun run = this.jenkinsfile.affectedServices().run();

		assertThat(run.options()).hasSize(4)
			.anyMatch((option) -> option.startsWith("timeout "))
			.contains("timestamps", "disableConcurrentBuilds")
			.anyMatch((option) -> option.startsWith("buildDiscarder "));
	}

	@Test
	void callsOnlyScriptsThatExistInCi() throws Exception {
		PipelineRun run = this.jenkinsfile.onBranch("main").affectedServices("order-service").run();

		Stream<String> commands = Stream.concat(run.commands().stream(), run.commandsOf("order-service").stream());
		assertThat(commands.map((command) -> command.split(" ")[0])).allSatisfy((script) -> {
			assertThat(script).startsWith("ci/");
			assertThat(ROOT.resolve(script)).isRegularFile().isExecutable();
		});
		assertThat(Files.readString(ROOT.resolve("Jenkinsfile"))).doesNotContain("./mvnw", "docker ");
	}

}
