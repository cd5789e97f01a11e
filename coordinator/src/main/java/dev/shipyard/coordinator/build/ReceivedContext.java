package dev.shipyard.coordinator.build;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A build context as received: spooled to {@code file} and counted on the way in. It is hashed later, off the
 * event loop, by the read that checks it.
 */
public record ReceivedContext(Path file, long size) {
    public ReceivedContext {
        Objects.requireNonNull(file, "file");
    }
}
