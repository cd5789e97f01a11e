package dev.shipyard.coordinator.state;

import java.io.Serializable;
import java.util.Objects;

/**
 * One step of a build as the farm sees it.
 *
 * @param id {@code <stage>/<number>}, FROM being number 1, unique within the build
 * @param instruction the instruction as it will run, after expansion
 * @param worker the worker that executed it, or null
 * @param startedMillis epoch millis when it started running, or 0
 * @param finishedMillis epoch millis when it finished, or 0
 * @param cacheKey the step's cache key once known, or null
 * @param layerDigest the digest of the layer it produced, or null
 * @param error why it failed, or null
 */
public record StepRecord(String id, int stage, int number, int line, String instruction, StepState state,
                         String worker, long startedMillis, long finishedMillis, String cacheKey, String layerDigest,
                         String error) implements Serializable {

    public StepRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(state, "state");
    }

    /** A step not started yet. */
    public static StepRecord queued(int stage, int number, int line, String instruction) {
        return new StepRecord(stage + "/" + number, stage, number, line, instruction, StepState.QUEUED, null, 0, 0,
                null, null, null);
    }

    public StepRecord running(String byWorker, long atMillis) {
        return new StepRecord(id, stage, number, line, instruction, StepState.RUNNING, byWorker, atMillis, 0,
                cacheKey, null, null);
    }

    /** The step finished as {@code outcome} ({@code CACHED}, {@code DONE} or {@code FAILED}). */
    public StepRecord finished(StepState outcome, String key, String layer, String failure, long atMillis) {
        long started = startedMillis == 0 ? atMillis : startedMillis;
        return new StepRecord(id, stage, number, line, instruction, outcome, worker, started, atMillis,
                key, layer, failure);
    }
}
