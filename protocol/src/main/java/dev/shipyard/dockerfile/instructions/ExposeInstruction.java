package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;
import java.util.List;

/** {@code EXPOSE port[/proto] ...}; ports are sorted as written, as BuildKit does. */
public record ExposeInstruction(SourceRange range, String original, List<String> ports) implements Instruction {

    public ExposeInstruction {
        ports = List.copyOf(ports);
    }

    @Override
    public String keyword() {
        return "EXPOSE";
    }

    @Override
    public ExposeInstruction expand(WordExpander expander) {
        return new ExposeInstruction(range, original, Expansions.all(ports, expander));
    }
}
