package dev.shipyard.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void clusterId_freshDirectory_isCreatedOnceAndKept() throws IOException {
        String first = new BrokerDirectory(dir).clusterId();
        assertThat(first).hasSize(22);
        assertThat(new BrokerDirectory(dir).clusterId()).isEqualTo(first);
        assertThat(Files.readString(dir.resolve("cluster.id")).strip()).isEqualTo(first);
    }

    @Test
    void clusterId_formattedLogDirWithoutIdFile_takesTheFormattedId() throws IOException {
        Files.createDirectories(dir.resolve("kafka-logs"));
        Files.writeString(dir.resolve("kafka-logs/meta.properties"), "version=1\ncluster.id=Qk3rHL0tTmWxcJ8yVZyVbA\nnode.id=1\n");
        BrokerDirectory directory = new BrokerDirectory(dir);
        assertThat(directory.isFormatted()).isTrue();
        assertThat(directory.clusterId()).isEqualTo("Qk3rHL0tTmWxcJ8yVZyVbA");
    }

    @Test
    void clusterId_emptyIdFile_failsWithAdvice() throws IOException {
        Files.writeString(dir.resolve("cluster.id"), "\n");
        assertThatThrownBy(() -> new BrokerDirectory(dir).clusterId())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is empty; delete the data directory");
    }

    @Test
    void isFormatted_freshDirectory_isFalse() {
        assertThat(new BrokerDirectory(dir).isFormatted()).isFalse();
    }
}
