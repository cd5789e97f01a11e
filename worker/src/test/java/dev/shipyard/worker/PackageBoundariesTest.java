package dev.shipyard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Native bindings (JNR) stay in the packages that own them: file-system calls in {@code fs}, the sandbox's own. */
class PackageBoundariesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/shipyard/worker");

    @Test
    void jnrImports_onlyInFsOrSandbox() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !SOURCES.relativize(p).startsWith("fs") && !SOURCES.relativize(p).startsWith("sandbox"))
                    .filter(PackageBoundariesTest::importsJnr)
                    .map(Path::toString)
                    .toList();
        }
        assertThat(Files.isDirectory(SOURCES.resolve("fs"))).isTrue();
        assertThat(offenders).isEmpty();
    }

    private static boolean importsJnr(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("import jnr."));
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + file, e);
        }
    }
}
