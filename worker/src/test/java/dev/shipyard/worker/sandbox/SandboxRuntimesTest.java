package dev.shipyard.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.config.ConfigException;
import dev.shipyard.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxRuntimesTest {
    @Test
    void fromSettings_runc_isTheRuncRuntime() throws Exception {
        assertThat(SandboxRuntimes.fromSettings(Settings.of(Map.of("worker.runtime", "runc"))).name()).isEqualTo("runc");
    }

    @Test
    void fromSettings_unknownName_failsNamingTheKey() {
        assertThatThrownBy(() -> SandboxRuntimes.fromSettings(Settings.of(Map.of("worker.runtime", "docker"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("worker.runtime must be builtin or runc");
    }
}
