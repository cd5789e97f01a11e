package dev.shipyard.cachekey;

import java.time.Instant;
import java.util.Objects;

/**
 * How a step's changes become layer bytes: the same step packed differently is a different layer.
 *
 * @param compression the compressor name ({@code gzip}, {@code zstd})
 * @param sourceDateEpoch the SOURCE_DATE_EPOCH clamp, or null when unset
 */
public record LayerInputs(String compression, Instant sourceDateEpoch) {

    public LayerInputs {
        Objects.requireNonNull(compression, "compression");
    }

    String epochText() {
        return sourceDateEpoch == null ? "" : Long.toString(sourceDateEpoch.getEpochSecond());
    }
}
