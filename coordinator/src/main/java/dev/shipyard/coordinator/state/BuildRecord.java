package dev.shipyard.coordinator.state;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One build as the farm keeps it, shared by every coordinator. Immutable: a change is a new record, made by
 * {@link #apply} inside the map entry that holds it.
 *
 * @param contextDigest the digest of the context tar as uploaded (gzip or not)
 * @param createdMillis epoch millis when the build was accepted
 * @param startedMillis epoch millis when it started running, or 0
 * @param finishedMillis epoch millis when it reached a final state, or 0
 * @param imageDigest the manifest digest of the result, or null
 * @param error why it failed, or null
 */
public record BuildRecord(String id, BuildRequest request, String contextDigest, BuildState state,
                          List<StepRecord> steps, long createdMillis, long startedMillis, long finishedMillis,
                          String imageDigest, String error) implements Serializable {

    public BuildRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(contextDigest, "contextDigest");
        Objects.requireNonNull(state, "state");
        steps = List.copyOf(steps);
    }

    /** A build just accepted. */
    public static BuildRecord queued(String id, BuildRequest request, String contextDigest, List<StepRecord> steps,
                                     long nowMillis) {
        return new BuildRecord(id, request, contextDigest, BuildState.QUEUED, steps, nowMillis, 0, 0, null, null);
    }

    public Optional<StepRecord> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /**
     * The record after {@code event}, or empty when the event does not apply: the build is already final, the
     * step is unknown or already final, or the state change goes backwards.
     */
    public Optional<BuildRecord> apply(BuildEvent event) {
        if (state.isFinal() || !event.buildId().equals(id)) {
            return Optional.empty();
        }
        if (event instanceof BuildEvent.StateChanged changed) {
            return applyState(changed);
        }
        if (event instanceof BuildEvent.StepChanged changed) {
            return applyStep(changed);
        }
        return Optional.of(this);
    }

    private Optional<BuildRecord> applyState(BuildEvent.StateChanged changed) {
        BuildState next = changed.state();
        if (next == state || next == BuildState.QUEUED) {
            return Optional.empty();
        }
        long started = startedMillis == 0 && next == BuildState.RUNNING ? changed.atMillis() : startedMillis;
        long finished = next.isFinal() ? changed.atMillis() : 0;
        return Optional.of(new BuildRecord(id, request, contextDigest, next, steps, createdMillis, started, finished,
                changed.imageDigest(), changed.error()));
    }

    private Optional<BuildRecord> applyStep(BuildEvent.StepChanged changed) {
        Optional<StepRecord> current = step(changed.stepId());
        if (current.isEmpty() || current.get().state().isFinal() || changed.state() == StepState.QUEUED) {
            return Optional.empty();
        }
        StepRecord step = current.get();
        StepRecord next = changed.state() == StepState.RUNNING
                ? step.running(changed.worker(), changed.atMillis())
                : step.finished(changed.state(), changed.cacheKey(), changed.layerDigest(), changed.error(),
                        changed.atMillis());
        List<StepRecord> updated = new ArrayList<>(steps);
        updated.set(steps.indexOf(step), next);
        return Optional.of(new BuildRecord(id, request, contextDigest, state, updated, createdMillis, startedMillis,
                finishedMillis, imageDigest, error));
    }
}
