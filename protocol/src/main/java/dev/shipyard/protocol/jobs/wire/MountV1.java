package dev.shipyard.protocol.jobs.wire;

import java.util.Map;

/** A {@code RUN --mount} on the wire. */
public record MountV1(String type, String target, Map<String, String> options) {
}
