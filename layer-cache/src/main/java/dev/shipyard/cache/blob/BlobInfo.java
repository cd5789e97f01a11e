package dev.shipyard.cache.blob;

import dev.shipyard.oci.Digest;
import java.time.Instant;
import java.util.Objects;

/** What a store knows of one blob. */
public record BlobInfo(Digest digest, long size, Instant lastModified) {
    public BlobInfo {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
