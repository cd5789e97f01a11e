package dev.shipyard.coordinator.state;

import java.io.Serializable;
import java.util.Objects;

/** Something that happened to a build: what the event log keeps and the event stream shows. */
public sealed interface BuildEvent extends Serializable
        permits BuildEvent.StateChanged, BuildEvent.StepChanged, BuildEvent.StepOutput {

    String buildId();

    long atMillis();

    /** The build moved to {@code state}; {@code imageDigest} is the manifest digest once done. */
    record StateChanged(String buildId, BuildState state, String error, String imageDigest, long atMillis)
            implements BuildEvent {
        public StateChanged {
            Objects.requireNonNull(buildId, "buildId");
            Objects.requireNonNull(state, "state");
        }
    }

    /** A step moved to {@code state}; the other fields are filled when the state knows them. */
    record StepChanged(String buildId, String stepId, StepState state, String worker, String cacheKey,
                       String layerDigest, String error, long atMillis) implements BuildEvent {
        public StepChanged {
            Objects.requireNonNull(buildId, "buildId");
            Objects.requireNonNull(stepId, "stepId");
            Objects.requireNonNull(state, "state");
        }
    }

    /** A chunk of a running step's output; {@code stream} is {@code stdout} or {@code stderr}. */
    record StepOutput(String buildId, String stepId, String stream, String text, long atMillis)
            implements BuildEvent {
        public StepOutput {
            Objects.requireNonNull(buildId, "buildId");
            Objects.requireNonNull(stepId, "stepId");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Whether this event ends the build: nothing follows it in the log. */
    default boolean isFinal() {
        return this instanceof StateChanged s && s.state().isFinal();
    }
}
