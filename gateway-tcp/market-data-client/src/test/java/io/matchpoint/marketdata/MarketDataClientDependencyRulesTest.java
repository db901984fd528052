package io.matchpoint.marketdata;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * A subscriber that embeds the market data client gets the codec, the Aeron client and Agrona, nothing of the server:
 * checked on the compiled classes (the pom's enforcer rule checks the same of the declared dependencies).
 */
class MarketDataClientDependencyRulesTest
{
    @Test
    void marketDataClientShouldDependOnlyOnTheCodecAeronAgronaAndTheJdk()
    {
        final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.matchpoint.marketdata");

        classes().that().resideInAPackage("io.matchpoint.marketdata..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                "io.matchpoint.marketdata..", "io.matchpoint.codec..", "io.aeron..", "org.agrona..", "java..", "")
            .because("a subscriber needs the feed's codec, not the engine (issue 16, DESIGN.md's module arrows)")
            .check(classes);
    }
}
