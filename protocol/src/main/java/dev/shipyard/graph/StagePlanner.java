package dev.shipyard.graph;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.instructions.CopyInstruction;
import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.dockerfile.instructions.FromInstruction;
import dev.shipyard.dockerfile.instructions.Instruction;
import dev.shipyard.dockerfile.instructions.Mount;
import dev.shipyard.dockerfile.instructions.RunInstruction;
import dev.shipyard.dockerfile.instructions.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** Turns one parsed stage into a {@link StageNode}: its base, its expanded steps and what it reads from. */
final class StagePlanner {
    private final Dockerfile dockerfile;
    private final GlobalArgs global;
    private final Map<Integer, List<String>> finalEnv = new HashMap<>();

    StagePlanner(Dockerfile dockerfile, GlobalArgs global) {
        this.dockerfile = dockerfile;
        this.global = global;
    }

    StageNode plan(Stage stage, List<StageNode> earlier) {
        FromInstruction from = (FromInstruction) global.expand(stage.from());
        BaseRef base = base(from, earlier);
        List<String> baseEnv = base instanceof BaseRef.Stage parent
                ? finalEnv.getOrDefault(parent.index(), List.of()) : List.of();
        StageScope scope = StageScope.start(global, baseEnv);

        List<Step> steps = new ArrayList<>();
        SortedSet<Integer> dependsOn = new TreeSet<>();
        List<String> images = new ArrayList<>();
        if (base instanceof BaseRef.Stage parent) {
            dependsOn.add(parent.index());
        }
        for (Instruction instruction : stage.instructions()) {
            Instruction expanded = scope.step(instruction);
            steps.add(new Step(steps.size() + 2, instruction, expanded));
            for (String source : readsFrom(expanded)) {
                resolveSource(source, expanded).ifPresentOrElse(dependsOn::add, () -> images.add(source));
            }
        }
        finalEnv.put(stage.index(), scope.imageEnv());
        return new StageNode(stage.index(), stage.name(), from, base, steps, dependsOn, images);
    }

    /** A placeholder for a stage that failed to plan; it fails the build only if the target needs it. */
    StageNode unplannable(Stage stage) {
        return new StageNode(stage.index(), stage.name(), stage.from(), new BaseRef.Image(stage.from().image()),
                List.of(), new TreeSet<>(), List.of());
    }

    private BaseRef base(FromInstruction from, List<StageNode> earlier) {
        String image = from.image();
        if (image.isBlank()) {
            throw new DockerfileException(dockerfile.fileName(), from.range(),
                    "base name (" + stageFromText(from) + ") should not be blank");
        }
        if (image.equals("scratch")) {
            return new BaseRef.Scratch();
        }
        for (StageNode node : earlier) {
            if (node.name().filter(n -> n.equalsIgnoreCase(image)).isPresent()) {
                return new BaseRef.Stage(node.index(), node.name().get());
            }
        }
        return new BaseRef.Image(image);
    }

    private String stageFromText(FromInstruction from) {
        Stage stage = dockerfile.stages().stream()
                .filter(s -> s.from().range().equals(from.range())).findFirst().orElseThrow();
        return stage.from().image();
    }

    private static List<String> readsFrom(Instruction expanded) {
        List<String> sources = new ArrayList<>();
        if (expanded instanceof CopyInstruction copy && copy.from() != null) {
            sources.add(copy.from());
        } else if (expanded instanceof RunInstruction run) {
            for (Mount mount : run.mounts()) {
                if (mount.from() != null && !mount.from().isEmpty()) {
                    sources.add(mount.from());
                }
            }
        }
        return sources;
    }

    /** The stage {@code source} names (by name or index), or empty when it names an image. */
    private Optional<Integer> resolveSource(String source, Instruction instruction) {
        Optional<Stage> named = dockerfile.stage(source);
        if (named.isPresent()) {
            return Optional.of(named.get().index());
        }
        if (source.chars().allMatch(Character::isDigit)) {
            throw new DockerfileException(dockerfile.fileName(), instruction.range(),
                    instruction.keyword() + " --from=" + source + ": no stage with index " + source + " (the "
                            + "Dockerfile has " + dockerfile.stages().size() + " stage"
                            + (dockerfile.stages().size() == 1 ? "" : "s") + ", numbered from 0)");
        }
        return Optional.empty();
    }
}
