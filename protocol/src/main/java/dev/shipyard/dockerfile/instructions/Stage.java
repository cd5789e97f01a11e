package dev.shipyard.dockerfile.instructions;

import java.util.List;
import java.util.Optional;

/**
 * A build stage: a FROM and the instructions up to the next FROM.
 *
 * @param index the 0-based position of the stage in the Dockerfile
 * @param name the lower-cased {@code AS} name, empty when the stage is unnamed
 */
public record Stage(int index, Optional<String> name, FromInstruction from, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }
}
