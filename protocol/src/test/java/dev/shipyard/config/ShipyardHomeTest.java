package dev.shipyard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShipyardHomeTest {

    @Test
    void fromEnvironment_variableSet_usesIt() {
        assertThat(ShipyardHome.fromEnvironment(Map.of("SHIPYARD_HOME", "/var/lib/sy"), Path.of("/root")).blobs())
                .isEqualTo(Path.of("/var/lib/sy/blobs"));
    }

    @Test
    void fromEnvironment_unset_usesDotShipyardInUserHome() {
        assertThat(ShipyardHome.fromEnvironment(Map.of(), Path.of("/home/u")).root())
                .isEqualTo(Path.of("/home/u/.shipyard"));
    }
}
