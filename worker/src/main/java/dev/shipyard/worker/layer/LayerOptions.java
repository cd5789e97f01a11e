package dev.shipyard.worker.layer;

import java.time.Instant;
import java.util.Objects;

/**
 * How a layer is packed.
 *
 * @param sourceDateEpoch when set, no entry carries an mtime later than this (reproducible builds); null keeps mtimes
 * @see <a href="https://reproducible-builds.org/specs/source-date-epoch/">SOURCE_DATE_EPOCH</a>
 */
public record LayerOptions(Compression compression, Instant sourceDateEpoch, OverlayXattrs overlayXattrs) {

    public LayerOptions {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(overlayXattrs, "overlayXattrs");
    }

    /** gzip, real mtimes, OverlayFS marks in {@code trusted.}. */
    public static LayerOptions defaults() {
        return new LayerOptions(Compression.GZIP, null, OverlayXattrs.TRUSTED);
    }

    public LayerOptions withCompression(Compression newCompression) {
        return new LayerOptions(newCompression, sourceDateEpoch, overlayXattrs);
    }

    public LayerOptions withSourceDateEpoch(Instant epoch) {
        return new LayerOptions(compression, epoch, overlayXattrs);
    }

    public LayerOptions withOverlayXattrs(OverlayXattrs xattrs) {
        return new LayerOptions(compression, sourceDateEpoch, xattrs);
    }

    /** Parses a {@code SOURCE_DATE_EPOCH} value (seconds since 1970); null or blank means unset. */
    public static Instant parseSourceDateEpoch(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid SOURCE_DATE_EPOCH '" + value + "': expected whole seconds since 1970", e);
        }
    }

    /** The mtime to record: the file's own, clamped to {@code sourceDateEpoch} when one is set. */
    public long clampSeconds(Instant mtime) {
        long seconds = mtime.getEpochSecond();
        return sourceDateEpoch == null ? seconds : Math.min(seconds, sourceDateEpoch.getEpochSecond());
    }
}
