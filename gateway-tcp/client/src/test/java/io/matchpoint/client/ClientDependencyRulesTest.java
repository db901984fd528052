package io.matchpoint.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * A trading firm that embeds the client gets the codec and Agrona, nothing of the server: checked on the compiled
 * classes (the pom's enforcer rule checks the same of the declared dependencies).
 */
class ClientDependencyRulesTest
{
    @Test
    void clientShouldDependOnlyOnTheCodecAgronaAndTheJdk()
    {
        final JavaClasses clientClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.matchpoint.client");

        classes().that().resideInAPackage("io.matchpoint.client..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                "io.matchpoint.client..", "io.matchpoint.codec..", "org.agrona..", "java..", "")
            .because("the client library is on codec alone (issue 15, DESIGN.md's module arrows)")
            .check(clientClasses);
    }
}
