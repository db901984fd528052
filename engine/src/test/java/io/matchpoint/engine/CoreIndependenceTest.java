package io.matchpoint.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The design's module rules for the matching core, checked on the compiled classes so that the build fails when one
 * is broken: the core ({@code book} and {@code match}) knows nothing of how commands reach it or where events go (no
 * pipeline, no Disruptor, no SBE codec, no journal, no Chronicle, no gateway); the {@code service} around it knows
 * nothing of its host (no pipeline, no Disruptor, no journal, no Chronicle, no gateway); and the {@code book} package,
 * the data structures, knows nothing of the matching that uses it.
 */
class CoreIndependenceTest
{
    private static final String BOOK = "io.matchpoint.engine.book..";
    private static final String MATCH = "io.matchpoint.engine.match..";
    private static final String SERVICE = "io.matchpoint.engine.service..";

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses()
    {
        mainClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.matchpoint.engine");
    }

    @Test
    void coreShouldNotDependOnTransportStorageOrThePipeline()
    {
        noClasses().that().resideInAnyPackage(BOOK, MATCH)
            .should().dependOnClassesThat().resideInAnyPackage(
                "io.matchpoint.engine.pipeline..",
                "io.matchpoint.codec..",
                "io.matchpoint.journal..",
                "io.matchpoint.gateway..",
                "io.matchpoint.client..",
                "com.lmax..",
                "net.openhft..",
                "org.agrona.concurrent.ringbuffer..",
                "org.agrona.concurrent.status..")
            .because("the matching core is driven by whatever hosts it (DESIGN.md: the core is free of transport " +
                "and storage)")
            .check(mainClasses);
    }

    @Test
    void serviceShouldNotKnowItsHost()
    {
        noClasses().that().resideInAPackage(SERVICE)
            .should().dependOnClassesThat().resideInAnyPackage(
                "io.matchpoint.engine.pipeline..",
                "io.matchpoint.journal..",
                "io.matchpoint.gateway..",
                "com.lmax..",
                "net.openhft..")
            .because("the live pipeline, recovery, journal verify and a replicated host all drive the one service " +
                "(DESIGN.md: the service imports no Disruptor and no Chronicle type)")
            .check(mainClasses);
    }

    @Test
    void bookShouldNotDependOnMatching()
    {
        noClasses().that().resideInAPackage(BOOK)
            .should().dependOnClassesThat().resideInAPackage(MATCH)
            .because("the book's data structures are used by the matching, never the other way round")
            .check(mainClasses);
    }
}
