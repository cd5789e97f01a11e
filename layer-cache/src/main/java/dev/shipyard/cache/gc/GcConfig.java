package dev.shipyard.cache.gc;

import dev.shipyard.config.ConfigException;
import dev.shipyard.config.Settings;
import java.time.Duration;

/**
 * Settings of garbage collection, read once from {@link Settings} and validated there.
 *
 * @param unusedAge   records not used for this long are removed
 * @param grace       blobs modified more recently than this are never removed (an upload may be on its way to the index)
 * @param budgetBytes the most the blob store may hold; least recently used records and their blobs go first (0: no budget)
 * @param interval    time between two passes
 * @param lease       how long one pass may hold the farm-wide GC claim
 */
public record GcConfig(Duration unusedAge, Duration grace, long budgetBytes, Duration interval, Duration lease) {
    public static final String PREFIX = "cache.gc.";

    public GcConfig {
        require(positive(unusedAge), "unused-age", "must be positive, not " + unusedAge);
        require(grace != null && !grace.isNegative(), "grace", "must not be negative, not " + grace);
        require(budgetBytes >= 0, "budget", "must not be negative, not " + budgetBytes);
        require(positive(interval), "interval", "must be positive, not " + interval);
        require(positive(lease), "lease", "must be positive, not " + lease);
    }

    public static GcConfig from(Settings settings) {
        return new GcConfig(
                settings.duration(PREFIX + "unused-age", Duration.ofDays(14)),
                settings.duration(PREFIX + "grace", Duration.ofHours(1)),
                settings.bytes(PREFIX + "budget", 0),
                settings.duration(PREFIX + "interval", Duration.ofHours(1)),
                settings.duration(PREFIX + "lease", Duration.ofMinutes(30)));
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new ConfigException(PREFIX + key, problem);
        }
    }
}
