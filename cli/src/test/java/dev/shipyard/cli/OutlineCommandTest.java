package dev.shipyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class OutlineCommandTest {

    @RegisterExtension
    final CliRunner cli = new CliRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    private static Path dockerfile(Path dir, String text) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), text);
        return dir;
    }

    @Test
    void outline_json_hasStagesBasesDependenciesAndExpandedText(@TempDir Path dir) throws Exception {
        dockerfile(dir, """
                ARG BASE=busybox
                FROM ${BASE} AS build
                ARG OUT=/out
                RUN echo hi > /x
                FROM scratch
                COPY --from=build /x ${OUT:-/dest}/
                """);
        int code = run("dockerfile", "outline", "--json", "--build-arg", "BASE=alpine:3.20", dir.toString());
        assertThat(code).isZero();
        JsonNode doc = new ObjectMapper().readTree(cli.out());
        assertThat(doc.at("/stages/0/index").asInt()).isZero();
        assertThat(doc.at("/stages/0/name").asText()).isEqualTo("build");
        assertThat(doc.at("/stages/0/base").asText()).isEqualTo("alpine:3.20");
        assertThat(doc.at("/stages/0/instructions/2/line").asInt()).isEqualTo(4);
        assertThat(doc.at("/stages/0/instructions/2/keyword").asText()).isEqualTo("RUN");
        assertThat(doc.at("/stages/1/base").asText()).isEqualTo("scratch");
        assertThat(doc.at("/stages/1/dependsOn/0").asInt()).isZero();
        assertThat(doc.at("/stages/1/instructions/1/text").asText()).isEqualTo("COPY --from=build /x /dest/");
    }

    @Test
    void outline_text_listsStepsWithLinesAndDependencies(@TempDir Path dir) throws Exception {
        dockerfile(dir, "FROM busybox AS a\nWORKDIR /w\nFROM a\nRUN true\n");
        assertThat(run("dockerfile", "outline", dir.toString())).isZero();
        assertThat(cli.out()).contains("stage 0 \"a\" (image busybox)", "   2  WORKDIR /w",
                "stage 1 (stage a), depends on a, target", "parallel: [a] then [stage 1]");
    }

    @Test
    void outline_target_prunes(@TempDir Path dir) throws Exception {
        dockerfile(dir, "FROM busybox AS a\nFROM busybox AS b\n");
        assertThat(run("dockerfile", "outline", "--target", "a", "--json", dir.toString())).isZero();
        assertThat(new ObjectMapper().readTree(cli.out()).get("stages")).hasSize(1);
    }

    @Test
    void outline_invalidDockerfile_exitsOneWithFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("Build.Dockerfile");
        Files.writeString(file, "FROM busybox\nCOPY onlyone\n");
        assertThat(run("dockerfile", "outline", "-f", file.toString(), dir.toString())).isEqualTo(1);
        assertThat(cli.err()).startsWith(file + ":2: dockerfile parse error on line 2: ");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void outline_missingDockerfile_exitsOneNamingIt(@TempDir Path dir) {
        assertThat(run("dockerfile", "outline", dir.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("could not read Dockerfile " + dir.resolve("Dockerfile") + ": no such file");
    }

    @Test
    void outline_unknownTarget_exitsOne(@TempDir Path dir) throws Exception {
        dockerfile(dir, "FROM busybox AS a\n");
        assertThat(run("dockerfile", "outline", "--target", "zzz", dir.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("target stage \"zzz\" could not be found");
    }

    @Test
    void buildArgs_nameOnly_takesValueFromEnvironment() {
        assertThat(BuildArgsOption.parse(java.util.List.of("A=1", "B", "C"), java.util.Map.of("B", "env")))
                .containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", "env"));
    }
}
