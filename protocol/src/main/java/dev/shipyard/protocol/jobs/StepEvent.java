package dev.shipyard.protocol.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What workers report to the coordinator: a step started, printed, finished or failed; a worker is alive. */
public sealed interface StepEvent {

    /** When the worker emitted the event. */
    Instant at();

    /**
     * The key that orders events: the build id for step events, so one build's events stay in order; the worker
     * id for heartbeats.
     */
    String orderingKey();

    /** An event about one step attempt. */
    sealed interface OfStep extends StepEvent {
        StepRef step();

        @Override
        default String orderingKey() {
            return step().buildId();
        }
    }

    /** A worker took the step and is about to execute it. */
    record Started(StepRef step, String worker, Instant at) implements OfStep {
        public Started {
            Objects.requireNonNull(step, "step");
            StepRef.requireText(worker, "worker");
            Objects.requireNonNull(at, "at");
        }
    }

    /** One line the step printed; {@code seq} counts lines of this attempt from 0, so gaps and repeats show. */
    record Output(StepRef step, OutputStream stream, String line, long seq, Instant at) implements OfStep {
        public Output {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(at, "at");
            if (seq < 0) {
                throw new IllegalArgumentException("output seq must not be negative, was " + seq);
            }
        }
    }

    /** The step is done: its layer, built now or found in the cache index ({@code cached}). Terminal. */
    record Finished(StepRef step, String worker, LayerResult layer, boolean cached, Instant at) implements OfStep {
        public Finished {
            Objects.requireNonNull(step, "step");
            StepRef.requireText(worker, "worker");
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The step failed for good: why, and the last lines it printed. Terminal. */
    record Failed(StepRef step, String worker, FailureKind kind, String message, List<String> lastLines, Instant at)
            implements OfStep {
        public Failed {
            Objects.requireNonNull(step, "step");
            StepRef.requireText(worker, "worker");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
            lastLines = lastLines == null ? List.of() : List.copyOf(lastLines);
            Objects.requireNonNull(at, "at");
        }
    }

    /** A worker is alive and runs these steps. */
    record Heartbeat(String worker, List<StepRef> running, Instant at) implements StepEvent {
        public Heartbeat {
            StepRef.requireText(worker, "worker");
            running = List.copyOf(running);
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String orderingKey() {
            return worker;
        }
    }
}
