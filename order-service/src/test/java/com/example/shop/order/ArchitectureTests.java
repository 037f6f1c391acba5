package com.example.shop.order;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.example.shop.order.inventory.InventoryClient;
import com.example.shop.order.inventory.ReservationLine;
import com.example.shop.order.inventory.ReservationResult;
import com.example.shop.order.inventory.Shortage;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout rules of CONVENTIONS.md, kept true by the build.
 */
@AnalyzeClasses(packagesOf = OrderServiceApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String INVENTORY = "com.example.shop.order.inventory..";

	private static final String ORDER = "com.example.shop.order.order..";

	private static final String ORDER_WEB = "com.example.shop.order.order.web..";

	@ArchTest
	static final ArchRule featurePackagesHaveNoCycles = slices().matching("com.example.shop.order.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule theInventoryClientKnowsNothingAboutOrders = noClasses().that()
		.resideInAPackage(INVENTORY)
		.should()
		.dependOnClassesThat()
		.resideInAPackage(ORDER);

	@ArchTest
	static final ArchRule ordersUseOnlyThePublicInterfaceOfTheInventoryClient = noClasses().that()
		.resideOutsideOfPackage(INVENTORY)
		.should()
		.dependOnClassesThat(resideInAPackage(INVENTORY).and(not(
				belongToAnyOf(InventoryClient.class, ReservationResult.class, ReservationLine.class, Shortage.class))))
		.because("the RestClient, the OAuth2 set-up and inventory's wire format are the client's business");

	@ArchTest
	static final ArchRule theWebLayerDoesNotCallInventory = noClasses().that()
		.resideInAPackage(ORDER_WEB)
		.should()
		.dependOnClassesThat()
		.resideInAPackage(INVENTORY)
		.because("inventory is called by the order service, after the order is committed");

	@ArchTest
	static final ArchRule theWebLayerDoesNotTouchPersistence = noClasses().that()
		.resideInAPackage(ORDER_WEB)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("jakarta.persistence..", "org.springframework.data.jpa..", "org.hibernate..")
		.orShould()
		.dependOnClassesThat()
		.areAssignableTo(Repository.class);

	@ArchTest
	static final ArchRule entitiesStayInsideTheirPackage = classes().that()
		.areAnnotatedWith(Entity.class)
		.should()
		.notBePublic()
		.because("JPA entities are never serialised nor handed to another package");

	@ArchTest
	static final ArchRule controllersAndAdviceArePackagePrivate = classes().that()
		.areAnnotatedWith(RestController.class)
		.or()
		.areAnnotatedWith(RestControllerAdvice.class)
		.should()
		.notBePublic();

	@ArchTest
	static final ArchRule onlyTheInventoryClientSpeaksHttp = noClasses().that()
		.resideOutsideOfPackage(INVENTORY)
		.should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.web.client.RestClient")
		.orShould()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.web.client.RestTemplate");

	@ArchTest
	static final ArchRule noCodeOfOtherServices = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("com.example.shop.inventory..", "com.example.shop.auth..", "com.example.shop.gateway..",
				"com.example.shop.config..")
		.because("the contract between services is HTTP");

	@ArchTest
	static final ArchRule constructorInjectionOnly = noFields().should().beAnnotatedWith(Autowired.class);

}
