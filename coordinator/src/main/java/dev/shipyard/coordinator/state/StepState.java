package dev.shipyard.coordinator.state;

/** Where one step of a build stands. {@code CACHED} is done without any worker executing it. */
public enum StepState {
    QUEUED, RUNNING, CACHED, DONE, FAILED;

    public boolean isFinal() {
        return this == CACHED || this == DONE || this == FAILED;
    }

    /** The lower-case name the HTTP API uses. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
