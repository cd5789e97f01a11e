package dev.shipyard.protocol.jobs;

import java.util.List;

/** The layers of an earlier stage that a step reads from ({@code COPY --from}), bottom first. */
public record StageOutput(String stage, List<ParentLayer> layers) {
    public StageOutput {
        StepRef.requireText(stage, "stage");
        layers = List.copyOf(layers);
    }
}
