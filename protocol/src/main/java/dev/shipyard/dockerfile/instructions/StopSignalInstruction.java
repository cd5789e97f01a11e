package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;

/** {@code STOPSIGNAL signal}. */
public record StopSignalInstruction(SourceRange range, String original, String signal) implements Instruction {

    @Override
    public String keyword() {
        return "STOPSIGNAL";
    }

    @Override
    public StopSignalInstruction expand(WordExpander expander) {
        return new StopSignalInstruction(range, original, expander.expand(signal));
    }
}
