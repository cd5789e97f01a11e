package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;
import java.util.List;

/** {@code VOLUME ["/a", "/b"]} or {@code VOLUME /a /b}. */
public record VolumeInstruction(SourceRange range, String original, List<String> volumes) implements Instruction {

    public VolumeInstruction {
        volumes = List.copyOf(volumes);
    }

    @Override
    public String keyword() {
        return "VOLUME";
    }

    @Override
    public VolumeInstruction expand(WordExpander expander) {
        return new VolumeInstruction(range, original, Expansions.all(volumes, expander));
    }
}
