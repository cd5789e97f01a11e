package dev.shipyard.cache;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Hazelcast stays behind the index API: only its adapter package may touch it. */
class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.shipyard.cache");

    @Test
    void hazelcast_usedOutsideItsAdapter_isRejected() {
        noClasses().that().resideOutsideOfPackage("dev.shipyard.cache.index.hazelcast..")
                .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
                .check(classes);
    }

    @Test
    void indexApi_dependingOnGcOrAdapters_isRejected() {
        noClasses().that().resideInAPackage("dev.shipyard.cache.index")
                .should().dependOnClassesThat().resideInAnyPackage("dev.shipyard.cache.gc..", "dev.shipyard.cache.index.hazelcast..")
                .check(classes);
    }
}
