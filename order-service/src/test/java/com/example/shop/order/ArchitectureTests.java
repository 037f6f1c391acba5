package com.example.shop.order;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.data.repository.Repository;

import com.example.shop.common.test.ShopArchitectureRules;
import com.example.shop.order.inventory.InventoryClient;
import com.example.shop.order.inventory.ReservationLine;
import com.example.shop.order.inventory.ReservationResult;
import com.example.shop.order.inventory.Shortage;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layout rules of the conventions, kept true by the build: the rules every service
 * shares and the boundaries of this service's inventory client.
 */
@AnalyzeClasses(packagesOf = OrderServiceApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchTests shared = ArchTests.in(ShopArchitectureRules.class);

	private static final String INVENTORY = "com.example.shop.order.inventory..";

	private static final String ORDER = "com.example.shop.order.order..";

	private static final String ORDER_WEB = "com.example.shop.order.order.web..";

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
	static final ArchRule onlyTheInventoryClientSpeaksHttp = noClasses().that()
		.resideOutsideOfPackage(INVENTORY)
		.should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.web.client.RestClient")
		.orShould()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.web.client.RestTemplate");

}
