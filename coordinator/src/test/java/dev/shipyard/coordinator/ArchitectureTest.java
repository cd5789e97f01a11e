package dev.shipyard.coordinator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Each SDK stays in its package: Hazelcast in state, Vert.x and Micrometer's Prometheus registry in http. */
class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.shipyard.coordinator");

    @Test
    void hazelcast_usedOutsideState_isRejected() {
        noClasses().that().resideOutsideOfPackage("dev.shipyard.coordinator.state..")
                .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
                .check(classes);
    }

    @Test
    void vertx_usedOutsideHttp_isRejected() {
        noClasses().that().resideOutsideOfPackage("dev.shipyard.coordinator.http..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.micrometer.prometheusmetrics..")
                .check(classes);
    }

    @Test
    void stateAndBuild_dependingOnHttp_isRejected() {
        noClasses().that().resideInAnyPackage("dev.shipyard.coordinator.state..", "dev.shipyard.coordinator.build..")
                .should().dependOnClassesThat().resideInAPackage("dev.shipyard.coordinator.http..")
                .check(classes);
    }

    @Test
    void coordinator_dependingOnWorker_isRejected() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.shipyard.worker..").check(classes);
    }
}
