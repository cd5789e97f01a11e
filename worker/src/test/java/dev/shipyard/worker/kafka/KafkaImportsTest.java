package dev.shipyard.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Kafka stays in one worker package, so the step engine can be run and tested without it. */
class KafkaImportsTest {

    @Test
    void imports_outsideTheKafkaPackage_haveNoKafka() throws IOException {
        Path sources = Path.of("src/main/java");
        Path kafkaPackage = sources.resolve("dev/shipyard/worker/kafka");
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(kafkaPackage))
                    .filter(KafkaImportsTest::importsKafka)
                    .toList();
            assertThat(offenders).as("worker sources importing org.apache.kafka outside %s", kafkaPackage).isEmpty();
        }
    }

    private static boolean importsKafka(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("import org.apache.kafka."));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
