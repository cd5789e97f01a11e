package dev.shipyard.worker.jobs;

import dev.shipyard.protocol.jobs.LayerResult;
import java.util.Objects;

/** A step that completed: its layer, and whether it was found in the cache instead of built. */
public record StepOutcome(LayerResult layer, boolean cached) {
    public StepOutcome {
        Objects.requireNonNull(layer, "layer");
    }

    public static StepOutcome built(LayerResult layer) {
        return new StepOutcome(layer, false);
    }

    public static StepOutcome cached(LayerResult layer) {
        return new StepOutcome(layer, true);
    }
}
