package dev.shipyard.coordinator.build;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/** Build ids that sort by submission time: 12 hex digits of epoch millis, then 8 random hex digits. */
public final class BuildIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    public BuildIds(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return String.format("%012x", clock.millis()) + HexFormat.of().formatHex(random);
    }

    /** Whether {@code text} has the shape of a build id, so that paths with anything else are refused early. */
    public static boolean isWellFormed(String text) {
        return text != null && text.matches("[0-9a-f]{20}");
    }
}
