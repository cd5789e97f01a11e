package dev.shipyard.coordinator.build;

import dev.shipyard.oci.Digest;
import java.nio.file.Path;
import java.util.Objects;

/** A build context as received: spooled to {@code file}, hashed and counted on the way in. */
public record ReceivedContext(Path file, Digest digest, long size) {
    public ReceivedContext {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(digest, "digest");
    }
}
