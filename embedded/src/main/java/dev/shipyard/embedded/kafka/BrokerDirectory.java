package dev.shipyard.embedded.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/** Layout of an embedded broker's data directory: cluster id, configuration, Kafka log dir and broker logs. */
record BrokerDirectory(Path root) {

    BrokerDirectory {
        root = root.toAbsolutePath().normalize();
    }

    Path clusterIdFile() {
        return root.resolve("cluster.id");
    }

    Path serverProperties() {
        return root.resolve("server.properties");
    }

    Path kafkaLogDir() {
        return root.resolve("kafka-logs");
    }

    /** The broker's own log (logback, rolled at 10 MB). */
    Path brokerLog() {
        return root.resolve("broker.log");
    }

    /** Standard output and error of the broker JVM: formatting output, JVM errors, fatal exits. */
    Path consoleLog() {
        return root.resolve("broker-console.log");
    }

    /** Whether {@code kafka-storage format} already ran here; formatting again would fail or wipe the data. */
    boolean isFormatted() {
        return Files.exists(kafkaLogDir().resolve("meta.properties"));
    }

    /**
     * The cluster id stored here, created and stored on first use so restarts keep it; a formatted log
     * dir's own id wins over a new one, since the broker refuses to start with any other.
     */
    String clusterId() throws IOException {
        Path file = clusterIdFile();
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (id.isEmpty()) {
                throw new IOException("cluster id file " + file + " is empty; delete the data directory to start anew");
            }
            return id;
        }
        String id = isFormatted() ? formattedClusterId() : Uuid.randomUuid().toString();
        Path temp = Files.createTempFile(root, "cluster.id", ".tmp");
        Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    private String formattedClusterId() throws IOException {
        Path meta = kafkaLogDir().resolve("meta.properties");
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        String id = properties.getProperty("cluster.id", "").strip();
        if (id.isEmpty()) {
            throw new IOException(meta + " has no cluster.id; delete the data directory to start anew");
        }
        return id;
    }
}
