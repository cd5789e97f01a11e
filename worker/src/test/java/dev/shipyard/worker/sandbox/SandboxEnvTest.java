package dev.shipyard.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxEnvTest {
    private static final ResolvedUser APP = new ResolvedUser(new SandboxUser(1000, 1000), "/home/app");

    @Test
    void forRun_noPath_addsTheDefaultPathHostnameAndHome() {
        assertThat(SandboxEnv.forRun(List.of("A=1"), "buildkitsandbox", APP)).containsExactly("A=1",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOSTNAME=buildkitsandbox", "HOME=/home/app");
    }

    @Test
    void forRun_imageValues_winOverDefaults() {
        assertThat(SandboxEnv.forRun(List.of("PATH=/opt/bin", "HOME=/data", "HOSTNAME=x"), "h", APP))
                .containsExactly("PATH=/opt/bin", "HOME=/data", "HOSTNAME=x");
    }

    @Test
    void forRun_repeatedKey_keepsTheLastValueInItsLastPosition() {
        assertThat(SandboxEnv.forRun(List.of("A=1", "B=2", "A=3"), "h", APP)).startsWith("B=2", "A=3");
    }
}
