package dev.shipyard.cache.blob;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each third-party SDK stays in its one package. */
class PackageRulesTest {
    // only this module's compiled main classes: scanning the whole class path for the package is slow
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void mainClasses_areFound() {
        org.assertj.core.api.Assertions.assertThat(MAIN.contain("dev.shipyard.cache.blob.s3.S3BlobStore")).isTrue();
    }

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
