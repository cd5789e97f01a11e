package dev.shipyard.dockerfile.instructions;

import java.util.Locale;

/** How concurrent builds share a cache mount. */
public enum CacheSharing {
    SHARED, PRIVATE, LOCKED;

    /** The name as written in a Dockerfile. */
    public String dockerfileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
