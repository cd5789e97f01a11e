package dev.shipyard.graph;

import dev.shipyard.dockerfile.instructions.Instruction;

/**
 * One instruction of a stage as the build will run it.
 *
 * @param number 1-based position in the stage, FROM being 1 (as progress shows {@code [stage 2/5]})
 * @param instruction the instruction as parsed
 * @param expanded the instruction with variables expanded in the stage's scope at that point
 */
public record Step(int number, Instruction instruction, Instruction expanded) {

    public int line() {
        return instruction.range().startLine();
    }
}
