package dev.shipyard.protocol.jobs.wire;

/** A step attempt on the wire, as listed by heartbeats. */
public record StepRefV1(String buildId, String stepId, int attempt) {
}
