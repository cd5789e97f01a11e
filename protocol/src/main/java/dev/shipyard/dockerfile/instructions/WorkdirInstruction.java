package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;

/** {@code WORKDIR path}: the working directory of later instructions. */
public record WorkdirInstruction(SourceRange range, String original, String path) implements Instruction {

    @Override
    public String keyword() {
        return "WORKDIR";
    }

    @Override
    public WorkdirInstruction expand(WordExpander expander) {
        return new WorkdirInstruction(range, original, expander.expand(path));
    }
}
