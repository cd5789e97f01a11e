package dev.shipyard.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void read_missingFile_isEmpty() throws IOException {
        assertThat(LogTail.read(dir.resolve("absent.log"), 10)).isEmpty();
    }

    @Test
    void read_shortFile_returnsLastLines() throws IOException {
        Path file = Files.writeString(dir.resolve("b.log"), "one\ntwo\nthree\n");
        assertThat(LogTail.read(file, 2)).containsExactly("two", "three");
        assertThat(LogTail.read(file, 10)).containsExactly("one", "two", "three");
    }

    @Test
    void read_fileLargerThanWindow_dropsCutFirstLine() throws IOException {
        String text = IntStream.range(0, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        Path file = Files.writeString(dir.resolve("big.log"), text);
        List<String> tail = LogTail.read(file, 100_000);
        assertThat(tail).endsWith("line 19999").allMatch(line -> line.matches("line \\d+"));
        assertThat(tail.get(0)).isEqualTo("line " + (20_000 - tail.size()));
    }

    @Test
    void errorsSince_offset_returnsOnlyErrorsOfThatRun() throws IOException {
        Path file = dir.resolve("broker.log");
        Files.writeString(file, "10:00 ERROR [main] old failure\n");
        long offset = Files.size(file);
        Files.writeString(file, "10:01 INFO [main] starting\n10:01 ERROR [main] Exiting Kafka\n"
                + "org.apache.kafka.common.KafkaException: Socket server failed to bind\n\tat x.y(Z.java:1)\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(LogTail.errorsSince(file, offset, 10)).containsExactly("10:01 ERROR [main] Exiting Kafka",
                "org.apache.kafka.common.KafkaException: Socket server failed to bind");
    }

    @Test
    void errorsSince_offsetBeyondRolledFile_readsFromStart() throws IOException {
        Path file = Files.writeString(dir.resolve("broker.log"), "10:00 ERROR [main] after roll\n");
        assertThat(LogTail.errorsSince(file, 1_000_000, 10)).containsExactly("10:00 ERROR [main] after roll");
    }
}
