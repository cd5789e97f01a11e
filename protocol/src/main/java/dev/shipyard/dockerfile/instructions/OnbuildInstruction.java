package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;

/** {@code ONBUILD instruction}: a trigger run by builds that use this image as base; never expanded here. */
public record OnbuildInstruction(SourceRange range, String original, Instruction trigger) implements Instruction {

    @Override
    public String keyword() {
        return "ONBUILD";
    }
}
