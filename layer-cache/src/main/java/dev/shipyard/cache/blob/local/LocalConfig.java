package dev.shipyard.cache.blob.local;

import dev.shipyard.config.ConfigException;
import dev.shipyard.config.Settings;
import java.nio.file.Path;
import java.util.Objects;

/** Where the local blob tier lives and how many bytes it may hold before it evicts the least recently used blobs. */
public record LocalConfig(Path dir, long maxBytes) {
    public static final String DIR = "cache.local.dir";
    public static final String MAX_SIZE = "cache.local.max-size";
    public static final long DEFAULT_MAX_BYTES = 20L << 30;

    public LocalConfig {
        Objects.requireNonNull(dir, "dir");
        if (maxBytes <= 0) {
            throw new ConfigException(MAX_SIZE, "must be positive, not " + maxBytes);
        }
    }

    /** {@code cache.local.dir} (default {@code <defaultDir>}) and {@code cache.local.max-size} (default 20g). */
    public static LocalConfig from(Settings settings, Path defaultDir) {
        return new LocalConfig(Path.of(settings.string(DIR, defaultDir.toString())),
                settings.bytes(MAX_SIZE, DEFAULT_MAX_BYTES));
    }
}
