package dev.shipyard.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepOutcomesTest {
    private static final SandboxSpec SPEC = SandboxSpec.of(Path.of("/rootfs"),
            SandboxSpec.shellForm(SandboxSpec.DEFAULT_SHELL, "make"), List.of()).withTimeout(Duration.ofSeconds(30));
    private static final StepProcess.Outcome ENDED = new StepProcess.Outcome(0, false, false, Duration.ofSeconds(1));

    @Test
    void parse_launcherLines_areUnderstood() {
        assertThat(StepStatus.parse("exited 3\n")).isEqualTo(new StepStatus(StepStatus.Kind.EXITED, 3, ""));
        assertThat(StepStatus.parse("signaled 9")).isEqualTo(new StepStatus(StepStatus.Kind.SIGNALED, 9, ""));
        assertThat(StepStatus.parse("exec-error could not start x: No such file\nexited 127").kind())
                .isEqualTo(StepStatus.Kind.EXEC_ERROR);
        assertThat(StepStatus.parse("").kind()).isEqualTo(StepStatus.Kind.SETUP_ERROR);
        assertThat(StepStatus.parse("exited x").message()).contains("unreadable");
    }

    @Test
    void fromExitCode_above128_isASignal() {
        assertThat(StepStatus.fromExitCode(137)).isEqualTo(new StepStatus(StepStatus.Kind.SIGNALED, 9, ""));
        assertThat(StepStatus.fromExitCode(2)).isEqualTo(new StepStatus(StepStatus.Kind.EXITED, 2, ""));
    }

    @Test
    void interpret_exitZero_isAResult() throws Exception {
        assertThat(StepOutcomes.interpret(SPEC, ENDED, StepStatus.parse("exited 0"), List.of(), false, false).elapsed())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void interpret_nonZero_isAPermanentFailureWithTheLastLines() {
        assertThatThrownBy(() -> StepOutcomes.interpret(SPEC, ENDED, StepStatus.parse("exited 2"),
                List.of("make: *** No rule"), false, false))
                .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetriable()).isFalse())
                .hasMessage("RUN make: exit code 2\nlast output:\n  make: *** No rule");
    }

    @Test
    void interpret_oomKill_saysOutOfMemory() {
        SandboxSpec limited = SPEC.withLimits(new ResourceLimits(64L << 20, 0, 0));
        assertThatThrownBy(() -> StepOutcomes.interpret(limited, ENDED, StepStatus.parse("signaled 9"), List.of(),
                true, false)).hasMessage("RUN make: killed: out of memory (limit 64 MiB)");
    }

    @Test
    void interpret_pidsLimit_isNamed() {
        SandboxSpec limited = SPEC.withLimits(new ResourceLimits(0, 32, 0));
        assertThatThrownBy(() -> StepOutcomes.interpret(limited, ENDED, StepStatus.parse("exited 2"), List.of(),
                false, true)).hasMessage("RUN make: exit code 2 (the limit of 32 processes was reached)");
    }

    @Test
    void interpret_timeout_isAPermanentFailure() {
        StepProcess.Outcome timedOut = new StepProcess.Outcome(-1, true, false, Duration.ofSeconds(30));
        assertThatThrownBy(() -> StepOutcomes.interpret(SPEC, timedOut, StepStatus.parse(""), List.of(), false, false))
                .isInstanceOf(StepFailedException.class).hasMessage("RUN make: timed out after 30s and was killed");
    }

    @Test
    void interpret_cancelled_isACancellation() {
        StepProcess.Outcome cancelled = new StepProcess.Outcome(-1, false, true, Duration.ofSeconds(3));
        assertThatThrownBy(() -> StepOutcomes.interpret(SPEC, cancelled, StepStatus.parse(""), List.of(), false, false))
                .isInstanceOf(StepCancelledException.class);
    }

    @Test
    void interpret_setupError_isRetriable() {
        assertThatThrownBy(() -> StepOutcomes.interpret(SPEC, ENDED, StepStatus.parse("setup-error could not mount /proc"),
                List.of(), false, false))
                .isInstanceOfSatisfying(SandboxFailureException.class, e -> assertThat(e.isRetriable()).isTrue())
                .hasMessage("could not run RUN make: could not mount /proc");
    }
}
