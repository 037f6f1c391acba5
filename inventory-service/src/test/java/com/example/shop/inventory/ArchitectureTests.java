package com.example.shop.inventory;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;

import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the layout rules of this service true as it grows (see CONVENTIONS.md).
 */
@AnalyzeClasses(packages = "com.example.shop.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featuresDoNotDependOnEachOtherInCycles = slices().matching("com.example.shop.inventory.(*)..")
		.should()
		.beFreeOfCycles();

	/**
	 * Items know nothing of reservations: reservations build on items, never the reverse.
	 */
	@ArchTest
	static final ArchRule itemsDoNotKnowReservations = noClasses().that()
		.resideInAPackage("com.example.shop.inventory.item..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("com.example.shop.inventory.reservation..");

	/**
	 * The root package holds what spans the features (application, security, problem
	 * handler) and must not reach into any of them.
	 */
	@ArchTest
	static final ArchRule rootPackageDoesNotReachIntoFeatures = noClasses().that()
		.resideInAPackage("com.example.shop.inventory")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("com.example.shop.inventory.item..", "com.example.shop.inventory.reservation..");

	/** A feature changes another feature's data through its API, never its repository. */
	@ArchTest
	static final ArchRule repositoriesAreUsedOnlyInsideTheirOwnFeature = classes().that()
		.areAssignableTo(Repository.class)
		.and()
		.areInterfaces()
		.should(beUsedOnlyFromTheirOwnPackage());

	/** Entities never leave through the web: controllers speak records. */
	@ArchTest
	static final ArchRule controllersDoNotTouchEntitiesOrRepositories = noClasses().that()
		.areAnnotatedWith(RestController.class)
		.should()
		.dependOnClassesThat()
		.areAnnotatedWith(Entity.class)
		.orShould()
		.dependOnClassesThat()
		.areAssignableTo(Repository.class);

	@ArchTest
	static final ArchRule entitiesArePackagePrivate = classes().that()
		.areAnnotatedWith(Entity.class)
		.should()
		.notBePublic();

	/** The contract between services is HTTP: no code of another service is used. */
	@ArchTest
	static final ArchRule noOtherServiceCodeIsUsed = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("com.example.shop.order..", "com.example.shop.auth..", "com.example.shop.gateway..",
				"com.example.shop.config..");

	@ArchTest
	static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

	private static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnPackage() {
		return new ArchCondition<>("be used only from their own package") {

			@Override
			public void check(JavaClass repository, ConditionEvents events) {
				repository.getDirectDependenciesToSelf()
					.stream()
					.filter(fromAnotherPackageThan(repository))
					.forEach((dependency) -> events
						.add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
			}

		};
	}

	private static DescribedPredicate<Dependency> fromAnotherPackageThan(JavaClass repository) {
		return DescribedPredicate.describe("from another package",
				(dependency) -> !dependency.getOriginClass().getPackageName().equals(repository.getPackageName()));
	}

}
