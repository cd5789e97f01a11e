package dev.shipyard.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxSpecTest {
    private static final Path ROOT = Path.of("/var/lib/shipyard/merged");

    @Test
    void shellForm_defaultShell_appendsTheCommandAsOneArgument() {
        assertThat(SandboxSpec.shellForm(SandboxSpec.DEFAULT_SHELL, "echo a && echo b"))
                .containsExactly("/bin/sh", "-c", "echo a && echo b");
    }

    @Test
    void shellForm_customShell_keepsItsArguments() {
        assertThat(SandboxSpec.shellForm(List.of("/bin/bash", "-o", "pipefail", "-c"), "false | true"))
                .containsExactly("/bin/bash", "-o", "pipefail", "-c", "false | true");
    }

    @Test
    void shellForm_emptyShell_isRejected() {
        assertThatThrownBy(() -> SandboxSpec.shellForm(List.of(), "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_plainRun_hasBuildKitDefaults() {
        SandboxSpec spec = SandboxSpec.of(ROOT, List.of("true"), List.of());
        assertThat(spec.user()).isEqualTo(SandboxUser.ROOT);
        assertThat(spec.cwd()).isEqualTo("/");
        assertThat(spec.network()).isEqualTo(NetworkMode.HOST);
        assertThat(spec.hostname()).isEqualTo("buildkitsandbox");
        assertThat(spec.limits().isUnlimited()).isTrue();
        assertThat(spec.timeout()).isEqualTo(Duration.ZERO);
    }

    @Test
    void displayCommand_shellForm_isTheCommand() {
        SandboxSpec spec = SandboxSpec.of(ROOT, SandboxSpec.shellForm(SandboxSpec.DEFAULT_SHELL, "make all"), List.of());
        assertThat(spec.displayCommand()).isEqualTo("make all");
    }

    @Test
    void displayCommand_execForm_joinsArguments() {
        assertThat(SandboxSpec.of(ROOT, List.of("make", "all"), List.of()).displayCommand()).isEqualTo("make all");
    }

    @Test
    void constructor_invalidValues_areRejectedWithTheReason() {
        SandboxSpec ok = SandboxSpec.of(ROOT, List.of("true"), List.of());
        assertThatThrownBy(() -> SandboxSpec.of(Path.of("rel"), List.of("true"), List.of()))
                .hasMessageContaining("rootfs must be an absolute path");
        assertThatThrownBy(() -> SandboxSpec.of(ROOT, List.of(), List.of())).hasMessageContaining("needs a command");
        assertThatThrownBy(() -> ok.withCwd("work")).hasMessageContaining("working directory must be absolute");
        assertThatThrownBy(() -> ok.withEnv(List.of("NOVALUE"))).hasMessageContaining("KEY=value");
        assertThatThrownBy(() -> ok.withHostname("")).hasMessageContaining("hostname");
        assertThatThrownBy(() -> ok.withTimeout(Duration.ofSeconds(-1))).hasMessageContaining("timeout");
    }

    @Test
    void mounts_relativeOrEscapingTargets_areRejected() {
        assertThatThrownBy(() -> new Mount.Tmpfs("tmp", 0)).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new Mount.Bind(Path.of("/cache"), "/a/../../etc", false)).hasMessageContaining("..");
        assertThatThrownBy(() -> new Mount.Bind(Path.of("cache"), "/cache", false)).hasMessageContaining("absolute");
    }

    @Test
    void limits_cpus_becomeAQuotaPerPeriod() {
        assertThat(new ResourceLimits(0, 0, 1.5).cpuQuotaMicros()).isEqualTo(150_000);
        assertThatThrownBy(() -> new ResourceLimits(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withers_changeOneFieldOnly() {
        SandboxSpec spec = SandboxSpec.of(ROOT, List.of("true"), List.of("A=1"))
                .withUser(new SandboxUser(5, 6)).withNetwork(NetworkMode.NONE);
        assertThat(spec.user()).isEqualTo(new SandboxUser(5, 6));
        assertThat(spec.network()).isEqualTo(NetworkMode.NONE);
        assertThat(spec.env()).containsExactly("A=1");
    }
}
