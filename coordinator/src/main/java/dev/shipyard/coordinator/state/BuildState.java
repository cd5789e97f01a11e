package dev.shipyard.coordinator.state;

/** Where a build stands. A build in a final state never changes again. */
public enum BuildState {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    /** The lower-case name the HTTP API uses. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
