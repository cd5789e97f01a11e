package dev.shipyard.dockerfile.instructions;

import java.util.Locale;

/** The network a RUN step sees (--network). */
public enum NetworkMode {
    DEFAULT, NONE, HOST;

    /** The name as written in a Dockerfile. */
    public String dockerfileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
