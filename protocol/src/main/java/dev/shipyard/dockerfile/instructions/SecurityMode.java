package dev.shipyard.dockerfile.instructions;

import java.util.Locale;

/** The privileges of a RUN step (--security). */
public enum SecurityMode {
    SANDBOX, INSECURE;

    /** The name as written in a Dockerfile. */
    public String dockerfileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
