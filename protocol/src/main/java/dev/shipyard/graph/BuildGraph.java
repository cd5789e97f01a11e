package dev.shipyard.graph;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.expansion.ShellLex;
import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.dockerfile.instructions.FromInstruction;
import dev.shipyard.dockerfile.instructions.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The stages of a Dockerfile as a dependency graph, pruned to what the target needs: which stage starts
 * from what, which stages read from which, in what order they can run and which can run at once.
 *
 * @param fileName the Dockerfile's name, for messages
 * @param stages every stage of the Dockerfile, by index
 * @param target the index of the stage whose result is the build's result
 * @param order the stages the target needs (itself included), dependencies first
 * @param waves the same stages in groups: every stage of a group depends only on earlier groups
 * @param globalArgs the resolved ARGs before the first FROM, for later per-stage evaluation
 */
public record BuildGraph(String fileName, List<StageNode> stages, int target, List<Integer> order,
                         List<SortedSet<Integer>> waves, GlobalArgs globalArgs) {

    public BuildGraph {
        stages = List.copyOf(stages);
        order = List.copyOf(order);
        waves = List.copyOf(waves);
    }

    /**
     * Plans a build of {@code dockerfile}: resolves bases and dependencies, selects the target and prunes.
     *
     * @throws DockerfileException for an unknown target, a dependency cycle, a bad stage reference or a
     *     variable that fails to expand in a needed stage
     */
    public static BuildGraph plan(Dockerfile dockerfile, BuildOptions options) {
        ShellLex lex = new ShellLex(dockerfile.directives().escapeToken());
        GlobalArgs global = GlobalArgs.resolve(dockerfile.fileName(), lex, dockerfile.metaArgs(), options);
        StagePlanner planner = new StagePlanner(dockerfile, global);

        List<StageNode> nodes = new ArrayList<>();
        Map<Integer, DockerfileException> failures = new HashMap<>();
        for (Stage stage : dockerfile.stages()) {
            try {
                nodes.add(planner.plan(stage, nodes));
            } catch (DockerfileException e) {
                // A stage the target does not need may fail to expand without failing the build, as in BuildKit.
                failures.put(stage.index(), e);
                nodes.add(planner.unplannable(stage));
            }
        }
        int target = selectTarget(dockerfile, options);
        List<Integer> order = StageOrder.topological(dockerfile.fileName(), nodes, target);
        for (int index : order) {
            if (failures.containsKey(index)) {
                throw failures.get(index);
            }
        }
        return new BuildGraph(dockerfile.fileName(), nodes, target, order, StageOrder.waves(nodes, order), global);
    }

    private static int selectTarget(Dockerfile dockerfile, BuildOptions options) {
        if (options.target().isEmpty()) {
            return dockerfile.stages().size() - 1;
        }
        String wanted = options.target().get();
        return dockerfile.stages().stream()
                .filter(s -> s.name().filter(n -> n.equalsIgnoreCase(wanted)).isPresent())
                .findFirst()
                .map(Stage::index)
                .orElseThrow(() -> new DockerfileException(dockerfile.fileName(), null,
                        "target stage \"" + wanted + "\" could not be found"));
    }

    public StageNode stage(int index) {
        return stages.get(index);
    }

    public StageNode targetStage() {
        return stages.get(target);
    }

    /** The needed stages in run order. */
    public List<StageNode> neededStages() {
        return order.stream().map(stages::get).toList();
    }

    /** The stage whose AS name is {@code name} (case-insensitive), among all stages. */
    public Optional<StageNode> stageNamed(String name) {
        return stages.stream().filter(s -> s.name().filter(n -> n.equalsIgnoreCase(name)).isPresent()).findFirst();
    }

    /** The FROM line of a stage expanded in the global scope. */
    public FromInstruction from(int index) {
        return stages.get(index).from();
    }

    /** Indexes of needed stages that depend on {@code index}. */
    public SortedSet<Integer> dependents(int index) {
        SortedSet<Integer> out = new TreeSet<>();
        for (int i : order) {
            if (stages.get(i).dependsOn().contains(index)) {
                out.add(i);
            }
        }
        return out;
    }
}
