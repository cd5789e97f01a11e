package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.parser.Directives;
import dev.shipyard.dockerfile.parser.DockerfileParser;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile: directives, the ARGs declared before the first FROM, and the stages in order.
 *
 * @param fileName the name used in error messages
 */
public record Dockerfile(String fileName, Directives directives, List<ArgInstruction> metaArgs, List<Stage> stages) {

    public Dockerfile {
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
    }

    /**
     * Parses Dockerfile bytes into typed instructions grouped by stage.
     *
     * @throws DockerfileException when the content is not a valid Dockerfile
     */
    public static Dockerfile parse(String fileName, byte[] content) {
        return InstructionParser.parse(DockerfileParser.parse(fileName, content));
    }

    /** The stage with this name (case-insensitive) or this decimal index. */
    public Optional<Stage> stage(String nameOrIndex) {
        for (Stage stage : stages) {
            if (stage.name().filter(n -> n.equalsIgnoreCase(nameOrIndex)).isPresent()
                    || String.valueOf(stage.index()).equals(nameOrIndex)) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }
}
