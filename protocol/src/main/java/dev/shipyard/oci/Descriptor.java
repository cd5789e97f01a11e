package dev.shipyard.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI content descriptor: what a blob is, how to find it and how big it is.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">OCI descriptor</a>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations, Platform platform) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("descriptor size must not be negative: " + size);
        }
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, Map.of(), null);
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, newAnnotations, platform);
    }
}
