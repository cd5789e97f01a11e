package dev.shipyard.protocol.jobs;

import dev.shipyard.oci.Digest;
import java.util.List;
import java.util.Optional;

/**
 * What a step reads besides its parent: for COPY/ADD the build context blob and the selected paths, and the
 * outputs of other stages it copies from.
 */
public record StepInputs(Optional<Digest> contextBlob, List<String> selection, List<StageOutput> stages) {
    public StepInputs {
        contextBlob = contextBlob == null ? Optional.empty() : contextBlob;
        selection = selection == null ? List.of() : List.copyOf(selection);
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** No inputs: a RUN step or any step that reads only its parent. */
    public static StepInputs none() {
        return new StepInputs(Optional.empty(), List.of(), List.of());
    }
}
