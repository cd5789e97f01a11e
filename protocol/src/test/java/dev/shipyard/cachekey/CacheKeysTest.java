package dev.shipyard.cachekey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.dockerfile.instructions.Instruction;
import dev.shipyard.dockerfile.instructions.RunInstruction;
import dev.shipyard.dockerfile.instructions.WorkdirInstruction;
import dev.shipyard.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CacheKeysTest {
    private static final List<Digest> PARENT = List.of(Digest.sha256("layer-1"), Digest.sha256("layer-2"));
    private static final LayerInputs GZIP = new LayerInputs("gzip", null);
    private static final RunInputs INPUTS = new RunInputs(Map.of("A", "1", "PATH", "/bin"), "", "/",
            List.of("/bin/sh", "-c"), new TreeMap<>());

    private static Instruction first(String text) {
        Dockerfile file = Dockerfile.parse("Dockerfile", ("FROM scratch\n" + text + "\n").getBytes(StandardCharsets.UTF_8));
        return file.stages().get(0).instructions().get(0);
    }

    private static RunInstruction run(String text) {
        return (RunInstruction) first(text);
    }

    private static CacheKey runKey(String text, RunInputs inputs) {
        return CacheKeys.run(PARENT, run(text), inputs, GZIP);
    }

    @Test
    void run_sameInputs_sameKey() {
        assertThat(runKey("RUN echo hi", INPUTS)).isEqualTo(runKey("RUN echo hi", INPUTS));
    }

    @Test
    void run_sameInstructionOnAnotherLine_sameKey() {
        RunInstruction a = run("RUN echo hi");
        RunInstruction b = (RunInstruction) Dockerfile.parse("Dockerfile",
                "FROM scratch\n\n\nRUN   echo hi\n".getBytes(StandardCharsets.UTF_8)).stages().get(0).instructions().get(0);
        assertThat(a.range()).isNotEqualTo(b.range());
        assertThat(CacheKeys.run(PARENT, a, INPUTS, GZIP)).isEqualTo(CacheKeys.run(PARENT, b, INPUTS, GZIP));
    }

    @Test
    void run_eachInputChanged_keyChanges() {
        CacheKey base = runKey("RUN echo hi", INPUTS);
        List<CacheKey> changed = List.of(
                runKey("RUN echo ho", INPUTS),
                runKey("RUN [\"echo\", \"hi\"]", INPUTS),
                runKey("RUN --network=none echo hi", INPUTS),
                runKey("RUN --mount=type=cache,target=/c echo hi", INPUTS),
                runKey("RUN echo hi", new RunInputs(Map.of("A", "2", "PATH", "/bin"), "", "/", INPUTS.shell(), new TreeMap<>())),
                runKey("RUN echo hi", new RunInputs(INPUTS.env(), "nobody", "/", INPUTS.shell(), new TreeMap<>())),
                runKey("RUN echo hi", new RunInputs(INPUTS.env(), "", "/tmp", INPUTS.shell(), new TreeMap<>())),
                runKey("RUN echo hi", new RunInputs(INPUTS.env(), "", "/", List.of("/bin/bash", "-c"), new TreeMap<>())),
                runKey("RUN echo hi", new RunInputs(INPUTS.env(), "", "/", INPUTS.shell(),
                        new TreeMap<>(Map.of("/src", Digest.sha256("x").toString())))),
                CacheKeys.run(PARENT.subList(0, 1), run("RUN echo hi"), INPUTS, GZIP),
                CacheKeys.run(PARENT, run("RUN echo hi"), INPUTS, new LayerInputs("zstd", null)),
                CacheKeys.run(PARENT, run("RUN echo hi"), INPUTS, new LayerInputs("gzip", Instant.ofEpochSecond(1))));
        assertThat(changed).doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void run_envOrder_doesNotMatter() {
        RunInputs reordered = new RunInputs(new java.util.LinkedHashMap<>(Map.of("PATH", "/bin", "A", "1")), "", "/",
                INPUTS.shell(), new TreeMap<>());
        assertThat(runKey("RUN echo hi", reordered)).isEqualTo(runKey("RUN echo hi", INPUTS));
    }

    @Test
    void copy_eachInputChanged_keyChanges() {
        Digest selection = Digest.sha256("files");
        CacheKey base = CacheKeys.copy(PARENT, first("COPY a /b"), selection, "/", GZIP);
        assertThat(CacheKeys.copy(PARENT, first("COPY a /b"), selection, "/", GZIP)).isEqualTo(base);
        List<CacheKey> changed = List.of(
                CacheKeys.copy(PARENT, first("COPY a /b"), Digest.sha256("other files"), "/", GZIP),
                CacheKeys.copy(PARENT, first("COPY a /c"), selection, "/", GZIP),
                CacheKeys.copy(PARENT, first("COPY --chown=1:1 a /b"), selection, "/", GZIP),
                CacheKeys.copy(PARENT, first("COPY --chmod=600 a /b"), selection, "/", GZIP),
                CacheKeys.copy(PARENT, first("COPY --link a /b"), selection, "/", GZIP),
                CacheKeys.copy(PARENT, first("ADD a /b"), selection, "/", GZIP),
                CacheKeys.copy(PARENT, first("COPY a /b"), selection, "/work", GZIP),
                CacheKeys.copy(List.of(), first("COPY a /b"), selection, "/", GZIP));
        assertThat(changed).doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void copy_notACopy_isRefused() {
        assertThatThrownBy(() -> CacheKeys.copy(PARENT, first("RUN true"), Digest.sha256("x"), "/", GZIP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workdir_userOrPathChanged_keyChanges() {
        WorkdirInstruction w = (WorkdirInstruction) first("WORKDIR /app");
        CacheKey base = CacheKeys.workdir(PARENT, w, "/app", "", GZIP);
        assertThat(CacheKeys.workdir(PARENT, w, "/app", "", GZIP)).isEqualTo(base);
        assertThat(CacheKeys.workdir(PARENT, w, "/app", "1000", GZIP)).isNotEqualTo(base);
        assertThat(CacheKeys.workdir(PARENT, w, "/srv/app", "", GZIP)).isNotEqualTo(base);
    }

    @Test
    void from_manifestDigest_decidesTheKey() {
        assertThat(CacheKeys.from(Digest.sha256("m1"))).isEqualTo(CacheKeys.from(Digest.sha256("m1")))
                .isNotEqualTo(CacheKeys.from(Digest.sha256("m2")));
    }

    @Test
    void canonicalInstruction_leavesOutSourceText() {
        String json = CacheKeys.canonicalInstruction(first("RUN --mount=type=cache,target=/c echo hi"));
        assertThat(json).contains("\"keyword\":\"RUN\"").contains("echo hi").doesNotContain("range")
                .doesNotContain("original").doesNotContain("\"spec\"");
    }
}
