package dev.shipyard.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * A build graph as a plain document: the needed stages in run order, each with its base, the stages it
 * depends on, and its instructions after expansion with their line numbers.
 *
 * @param target the index of the target stage
 * @param stages the stages the target needs, in run order
 * @param parallel groups of stage indexes that can run at the same time, in order
 */
public record Outline(int target, List<StageOutline> stages, List<List<Integer>> parallel) {

    /** One stage. {@code name} is null for an unnamed stage. */
    public record StageOutline(int index, String name, String base, String baseKind, List<Integer> dependsOn,
                               List<InstructionOutline> instructions) {
    }

    /** One instruction; {@code text} is the instruction as it will run. */
    public record InstructionOutline(int line, String keyword, String text) {
    }

    public static Outline of(BuildGraph graph) {
        List<StageOutline> stages = new ArrayList<>();
        for (StageNode stage : graph.neededStages()) {
            List<InstructionOutline> instructions = new ArrayList<>();
            instructions.add(new InstructionOutline(stage.from().range().startLine(), "FROM",
                    InstructionText.of(stage.from())));
            for (Step step : stage.steps()) {
                instructions.add(new InstructionOutline(step.line(), step.expanded().keyword(),
                        InstructionText.of(step.expanded())));
            }
            stages.add(new StageOutline(stage.index(), stage.name().orElse(null), stage.base().display(),
                    baseKind(stage.base()), List.copyOf(stage.dependsOn()), instructions));
        }
        return new Outline(graph.target(), stages, graph.waves().stream().map(w -> List.copyOf(w)).toList());
    }

    private static String baseKind(BaseRef base) {
        if (base instanceof BaseRef.Stage) {
            return "stage";
        }
        return base instanceof BaseRef.Scratch ? "scratch" : "image";
    }
}
