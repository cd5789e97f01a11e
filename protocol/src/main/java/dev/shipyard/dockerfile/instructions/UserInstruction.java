package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;

/** {@code USER user[:group]}. */
public record UserInstruction(SourceRange range, String original, String user) implements Instruction {

    @Override
    public String keyword() {
        return "USER";
    }

    @Override
    public UserInstruction expand(WordExpander expander) {
        return new UserInstruction(range, original, expander.expand(user));
    }
}
