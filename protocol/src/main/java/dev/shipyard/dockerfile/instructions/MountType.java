package dev.shipyard.dockerfile.instructions;

import java.util.Locale;

/** The kind of a RUN --mount. */
public enum MountType {
    BIND, CACHE, TMPFS, SECRET, SSH;

    /** The name as written in a Dockerfile. */
    public String dockerfileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
