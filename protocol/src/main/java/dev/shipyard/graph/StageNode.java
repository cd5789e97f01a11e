package dev.shipyard.graph;

import dev.shipyard.dockerfile.instructions.FromInstruction;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A stage of the build graph.
 *
 * @param index the stage's position in the Dockerfile
 * @param name the lower-cased AS name, empty when unnamed
 * @param from the FROM line, expanded with the global ARGs
 * @param base what the stage starts from
 * @param steps the stage's instructions after FROM, expanded
 * @param dependsOn indexes of the stages this one needs (its base stage, COPY --from, RUN --mount from)
 * @param imageInputs images this stage reads files from (COPY --from and RUN --mount from naming no stage)
 */
public record StageNode(int index, Optional<String> name, FromInstruction from, BaseRef base, List<Step> steps,
                        SortedSet<Integer> dependsOn, List<String> imageInputs) {

    public StageNode {
        steps = List.copyOf(steps);
        dependsOn = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(dependsOn));
        imageInputs = List.copyOf(imageInputs);
    }

    /** The name progress shows for this stage: its AS name, or {@code stage-N}. */
    public String displayName() {
        return name.orElse("stage-" + index);
    }
}
