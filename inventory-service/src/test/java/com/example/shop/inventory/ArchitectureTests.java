package com.example.shop.inventory;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import com.example.shop.common.test.ShopArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the layout rules of this service true as it grows: the rules every service
 * shares, and the direction between this service's features.
 */
@AnalyzeClasses(packagesOf = InventoryServiceApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchTests shared = ArchTests.in(ShopArchitectureRules.class);

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

}
