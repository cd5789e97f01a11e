package dev.shipyard.cache.blob;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Each third-party SDK stays in its one package. */
class PackageRulesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.shipyard.cache");

    @Test
    void minio_isUsedOnlyByTheS3Package() {
        noClasses().that().resideOutsideOfPackage("dev.shipyard.cache.blob.s3..")
                .should().dependOnClassesThat().resideInAnyPackage("io.minio..", "okhttp3..")
                .check(MAIN);
    }

    @Test
    void s3proxy_isUsedOnlyByTheEmbeddedPackage() {
        noClasses().that().resideOutsideOfPackage("dev.shipyard.cache.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gaul..", "org.jclouds..")
                .check(MAIN);
    }
}
