package dev.shipyard.protocol.jobs;

import java.time.Duration;
import java.util.Objects;

/** Bounds on one execution: wall-clock timeout, memory in bytes (0: unlimited) and process count (0: unlimited). */
public record StepLimits(Duration timeout, long memoryBytes, long pids) {
    public StepLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("step timeout must be positive, was " + timeout);
        }
        if (memoryBytes < 0 || pids < 0) {
            throw new IllegalArgumentException("step limits must not be negative: memory " + memoryBytes
                    + ", pids " + pids);
        }
    }
}
