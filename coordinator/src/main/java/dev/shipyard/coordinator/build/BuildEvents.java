package dev.shipyard.coordinator.build;

import dev.shipyard.coordinator.state.BuildEvent;

/** Where a {@link BuildRunner} reports what happens to a build. */
@FunctionalInterface
public interface BuildEvents {

    /**
     * Records {@code event}. Returns false when it no longer applies (the build finished or was cancelled,
     * or the step is unknown or already finished): the runner may then stop working on it.
     */
    boolean emit(BuildEvent event);
}
