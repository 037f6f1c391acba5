package com.example.shop.common.test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout rules of the conventions that hold for every service, for a service's own
 * ArchUnit test to include:
 *
 * <pre class="code">
 * &#64;AnalyzeClasses(packagesOf = InventoryServiceApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTests {
 *     &#64;ArchTest
 *     static final ArchTests shared = ArchTests.in(ShopArchitectureRules.class);
 *     // rules of this service's own features
 * }
 * </pre>
 */
public final class ShopArchitectureRules {

	private static final String SERVICES = "com.example.shop.";

	// By name, so that the rules load in services without JPA or Spring Data.
	private static final String ENTITY = "jakarta.persistence.Entity";

	private static final String REPOSITORY = "org.springframework.data.repository.Repository";

	private ShopArchitectureRules() {
	}

	/**
	 * Feature packages ({@code com.example.shop.<service>.<feature>}) never depend on
	 * each other in a cycle.
	 */
	@ArchTest
	public static final ArchRule featuresAreFreeOfCycles = slices().matching("com.example.shop.(*).(*)..")
		.should()
		.beFreeOfCycles();

	/**
	 * The contract between services is HTTP: a service uses no code of another service,
	 * only common-lib.
	 */
	@ArchTest
	public static final ArchRule noCodeOfAnotherService = classes().should(useNoCodeOfAnotherService());

	/**
	 * A feature changes another feature's data through its API, never through its
	 * repository.
	 */
	@ArchTest
	public static final ArchRule repositoriesAreUsedOnlyInTheirOwnPackage = classes().that()
		.areAssignableTo(REPOSITORY)
		.and()
		.areInterfaces()
		.should(beUsedOnlyFromTheirOwnPackage())
		.allowEmptyShould(true);

	/** Entities never leave through the web: controllers speak records. */
	@ArchTest
	public static final ArchRule controllersTouchNoEntityOrRepository = noClasses().that()
		.areAnnotatedWith(RestController.class)
		.should()
		.dependOnClassesThat()
		.areAnnotatedWith(ENTITY)
		.orShould()
		.dependOnClassesThat()
		.areAssignableTo(REPOSITORY)
		.allowEmptyShould(true);

	/**
	 * Package-private by default: nothing outside a feature needs its entities,
	 * controllers or advice.
	 */
	@ArchTest
	public static final ArchRule entitiesControllersAndAdviceArePackagePrivate = classes().that()
		.areAnnotatedWith(ENTITY)
		.or()
		.areAnnotatedWith(RestController.class)
		.or()
		.areAnnotatedWith(RestControllerAdvice.class)
		.should()
		.notBePublic()
		.allowEmptyShould(true);

	/** Constructor injection into final fields. */
	@ArchTest
	public static final ArchRule noFieldInjection = noFields().should()
		.beAnnotatedWith(Autowired.class)
		.allowEmptyShould(true);

	private static ArchCondition<JavaClass> useNoCodeOfAnotherService() {
		return new ArchCondition<>("use no code of another service") {

			@Override
			public void check(JavaClass origin, ConditionEvents events) {
				String own = service(origin.getPackageName());
				for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
					String target = service(dependency.getTargetClass().getPackageName());
					if (own != null && target != null && !target.equals(own) && !target.equals("common")) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				}
			}

		};
	}

	private static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnPackage() {
		return new ArchCondition<>("be used only from their own package") {

			@Override
			public void check(JavaClass repository, ConditionEvents events) {
				repository.getDirectDependenciesToSelf()
					.stream()
					.filter((dependency) -> !dependency.getOriginClass()
						.getPackageName()
						.equals(repository.getPackageName()))
					.forEach((dependency) -> events
						.add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
			}

		};
	}

	/**
	 * The service segment of a package of this system ({@code inventory},
	 * {@code common}), or null.
	 */
	private static @Nullable String service(String packageName) {
		if (!packageName.startsWith(SERVICES)) {
			return null;
		}
		String rest = packageName.substring(SERVICES.length());
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

}
