package dev.shipyard.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.dockerfile.instructions.Dockerfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case folder: {@code dockerfiles/<case>/{Dockerfile,expected}} must parse to the expected dump and
 * {@code dockerfiles/negative/<case>/{Dockerfile,expected-error}} must fail with exactly the expected message.
 * Set {@code -Ddockerfile.record=true} to write missing expectation files for review.
 */
class DockerfileCasesTest {

    static final Path ROOT = Paths.get("src/test/resources/dockerfiles");
    private static final boolean RECORD = Boolean.getBoolean("dockerfile.record");

    static List<Path> positiveCases() throws IOException {
        return cases(ROOT);
    }

    static List<Path> negativeCases() throws IOException {
        return cases(ROOT.resolve("negative"));
    }

    private static List<Path> cases(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("Dockerfile"))).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positiveCases")
    void parse_validCase_matchesExpectedDump(Path dir) throws IOException {
        Dockerfile parsed = Dockerfile.parse("Dockerfile", Files.readAllBytes(dir.resolve("Dockerfile")));
        String dump = ModelDump.dump(parsed);
        Path expected = dir.resolve("expected");
        if (RECORD && !Files.exists(expected)) {
            Files.writeString(expected, dump, StandardCharsets.UTF_8);
        }
        assertThat(dump).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negativeCases")
    void parse_invalidCase_failsWithExpectedMessage(Path dir) throws IOException {
        byte[] content = Files.readAllBytes(dir.resolve("Dockerfile"));
        Path expected = dir.resolve("expected-error");
        if (RECORD && !Files.exists(expected)) {
            try {
                Dockerfile.parse("Dockerfile", content);
            } catch (DockerfileException e) {
                Files.writeString(expected, e.getMessage() + "\n", StandardCharsets.UTF_8);
            }
        }
        String message = Files.readString(expected, StandardCharsets.UTF_8).stripTrailing();
        assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", content))
                .isExactlyInstanceOf(DockerfileException.class)
                .hasMessage(message);
    }
}
