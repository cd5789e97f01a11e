package dev.shipyard.coordinator.build;

import dev.shipyard.coordinator.state.BuildRecord;

/**
 * Runs accepted builds: turns them into step executions somewhere in the farm and reports progress as events.
 * Implementations return at once and report from their own threads.
 */
public interface BuildRunner {

    /** Starts {@code build}; every state change, step change and step output goes to {@code events}. */
    void start(BuildRecord build, BuildEvents events);

    /** Stops a build; the build's record is already {@code cancelled} when this is called. */
    void cancel(String buildId);
}
