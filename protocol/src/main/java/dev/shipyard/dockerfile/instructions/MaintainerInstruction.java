package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;

/** {@code MAINTAINER name}: deprecated, accepted and recorded as the image author. */
public record MaintainerInstruction(SourceRange range, String original, String maintainer) implements Instruction {

    @Override
    public String keyword() {
        return "MAINTAINER";
    }
}
