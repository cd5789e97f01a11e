package dev.shipyard.protocol.jobs.wire;

/** A produced layer on the wire. */
public record LayerResultV1(String digest, String diffId, long size, String mediaType) {
}
