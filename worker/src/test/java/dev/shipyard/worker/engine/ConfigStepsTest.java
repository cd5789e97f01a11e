package dev.shipyard.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.dockerfile.instructions.Instruction;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigStepsTest {
    private static final List<String> SH = List.of("/bin/sh", "-c");
    private static final ImageConfig BASE = ImageConfig.scratch(Platform.parse("linux/amd64"));

    private static Instruction parse(String line) {
        return Dockerfile.parse("Dockerfile", ("FROM scratch\n" + line + "\n").getBytes(StandardCharsets.UTF_8))
                .stages().get(0).instructions().get(0);
    }

    private static ImageConfig apply(ImageConfig config, String line, boolean cmdSet) {
        return ConfigSteps.apply(config, parse(line), SH, cmdSet);
    }

    @Test
    void cmd_shellForm_runsThroughShell() {
        assertThat(apply(BASE, "CMD echo hi", false).config().cmd()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(apply(BASE, "CMD [\"echo\", \"hi\"]", false).config().cmd()).containsExactly("echo", "hi");
    }

    @Test
    void entrypoint_inheritedCmd_isReset() {
        ImageConfig withCmd = apply(BASE, "CMD [\"sh\"]", false);
        assertThat(apply(withCmd, "ENTRYPOINT [\"/init\"]", false).config().cmd()).isNullOrEmpty();
        assertThat(apply(withCmd, "ENTRYPOINT [\"/init\"]", true).config().cmd()).containsExactly("sh");
    }

    @Test
    void expose_range_becomesOnePortEach() {
        assertThat(ConfigSteps.ports(List.of("80", "8000-8002/UDP")))
                .containsExactly("80/tcp", "8000/udp", "8001/udp", "8002/udp");
    }

    @Test
    void metadata_eachInstruction_landsInTheConfig() {
        ImageConfig c = BASE;
        c = apply(c, "LABEL a=b", false);
        c = apply(c, "USER app", false);
        c = apply(c, "VOLUME /data", false);
        c = apply(c, "STOPSIGNAL SIGKILL", false);
        c = apply(c, "SHELL [\"/bin/bash\", \"-c\"]", false);
        c = apply(c, "ONBUILD RUN make", false);
        c = apply(c, "MAINTAINER someone", false);
        c = apply(c, "HEALTHCHECK NONE", false);
        assertThat(c.config().labels()).containsEntry("a", "b");
        assertThat(c.config().user()).isEqualTo("app");
        assertThat(c.config().volumes()).containsExactly("/data");
        assertThat(c.config().stopSignal()).isEqualTo("SIGKILL");
        assertThat(c.config().shell()).containsExactly("/bin/bash", "-c");
        assertThat(c.config().onBuild()).containsExactly("RUN make");
        assertThat(c.author()).isEqualTo("someone");
        assertThat(c.config().healthcheck().test()).containsExactly("NONE");
    }
}
