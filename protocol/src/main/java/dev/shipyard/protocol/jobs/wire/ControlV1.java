package dev.shipyard.protocol.jobs.wire;

/** A control message, wire version 1; the only {@code type} so far is {@code cancel-step}. */
public record ControlV1(int v, String type, String buildId, String stepId) {
}
