package dev.shipyard.worker.sandbox;

/** A {@code USER} value resolved against the image's own passwd and group files. */
public record ResolvedUser(SandboxUser user, String home) {
}
