package dev.shipyard.protocol.jobs.wire;

/** A step's limits on the wire. */
public record LimitsV1(long timeoutMillis, long memoryBytes, long pids) {
}
