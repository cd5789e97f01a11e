package dev.shipyard.protocol.jobs.wire;

/** A layer on the wire: descriptor fields plus diffID. */
public record LayerV1(String mediaType, String digest, long size, String diffId) {
}
