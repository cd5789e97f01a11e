package dev.shipyard.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.dockerfile.instructions.RunInstruction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStepTest {
    private static final List<String> SH = List.of("/bin/sh", "-c");

    private static RunInstruction run(String text) {
        return (RunInstruction) Dockerfile.parse("Dockerfile", ("FROM scratch\n" + text + "\n")
                .getBytes(StandardCharsets.UTF_8)).stages().get(0).instructions().get(0);
    }

    @Test
    void argv_shellForm_goesThroughShell() {
        assertThat(RunStep.argv(run("RUN echo hi"), SH)).containsExactly("/bin/sh", "-c", "echo hi");
    }

    @Test
    void argv_execForm_isKept() {
        assertThat(RunStep.argv(run("RUN [\"echo\", \"hi\"]"), SH)).containsExactly("echo", "hi");
    }

    @Test
    void argv_heredocAlone_isTheScript() {
        assertThat(RunStep.argv(run("RUN <<EOF\necho a\necho b\nEOF"), SH))
                .containsExactly("/bin/sh", "-c", "echo a\necho b\n");
    }

    @Test
    void argv_heredocAsInput_isPassedToTheShell() {
        assertThat(RunStep.argv(run("RUN cat <<EOF > /x\nline\nEOF"), SH))
                .containsExactly("/bin/sh", "-c", "cat <<EOF > /x\nline\nEOF\n");
    }

    @Test
    void clean_relativeAndDotted_areResolved() {
        assertThat(StageBuilder.clean("/app/./x/../y/")).isEqualTo("/app/y");
        assertThat(StageBuilder.clean("/")).isEqualTo("/");
    }
}
