package dev.shipyard.dockerfile.instructions;

/** A {@code key=value} pair of ENV or LABEL, both as written (quotes kept until expansion). */
public record KeyValue(String key, String value) {
}
