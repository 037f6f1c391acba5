package com.example.shop.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

import com.example.shop.common.test.ShopArchitectureRules;

/**
 * The layout rules every service shares, kept true as this service grows.
 */
@AnalyzeClasses(packagesOf = GatewayServiceApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchTests shared = ArchTests.in(ShopArchitectureRules.class);

}
