package dev.shipyard.cache.index;

import dev.shipyard.oci.Digest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What the cache index knows of one cached step result: its layer blob and how much it is used.
 * Times are kept to the millisecond so a record survives a round trip through the index unchanged.
 */
public record LayerRecord(Digest digest, Digest diffId, long size, String mediaType, Instant created, Instant lastUsed,
                          long hitCount) {
    public LayerRecord {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(mediaType, "mediaType");
        if (size < 0) {
            throw new IllegalArgumentException("layer size must not be negative, was " + size);
        }
        if (hitCount < 0) {
            throw new IllegalArgumentException("hit count must not be negative, was " + hitCount);
        }
        created = created.truncatedTo(ChronoUnit.MILLIS);
        lastUsed = lastUsed.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A record for a layer just produced: created and last used now, never hit. */
    public static LayerRecord of(Digest digest, Digest diffId, long size, String mediaType, Instant now) {
        return new LayerRecord(digest, diffId, size, mediaType, now, now, 0);
    }

    /** This record after one more hit at {@code now}. */
    public LayerRecord touched(Instant now) {
        Instant used = now.isAfter(lastUsed) ? now : lastUsed;
        return new LayerRecord(digest, diffId, size, mediaType, created, used, hitCount + 1);
    }
}
