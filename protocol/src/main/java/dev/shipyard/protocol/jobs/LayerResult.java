package dev.shipyard.protocol.jobs;

import dev.shipyard.oci.Digest;
import java.util.Objects;

/** The layer a step produced (or found cached): compressed digest, diffID, compressed size and media type. */
public record LayerResult(Digest digest, Digest diffId, long size, String mediaType) {
    public LayerResult {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(diffId, "diffId");
        StepRef.requireText(mediaType, "mediaType");
        if (size < 0) {
            throw new IllegalArgumentException("layer size must not be negative, was " + size);
        }
    }
}
