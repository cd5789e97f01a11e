package dev.shipyard.cachekey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.shipyard.oci.Digest;
import java.util.Objects;

/**
 * The identity of a build step's result: the same key anywhere in the farm means the same layer.
 * Derived from the parent's output, the canonical instruction and the inputs the step reads.
 */
public record CacheKey(Digest digest) {
    public CacheKey {
        Objects.requireNonNull(digest, "digest");
    }

    @JsonCreator
    public static CacheKey parse(String text) {
        return new CacheKey(Digest.parse(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return digest.toString();
    }
}
