package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;

/** {@code ARG name[=default] ...}: declares build arguments. */
public record ArgInstruction(SourceRange range, String original, List<ArgDefinition> args) implements Instruction {

    public ArgInstruction {
        args = List.copyOf(args);
    }

    @Override
    public String keyword() {
        return "ARG";
    }

    /** Expands the defaults; names are kept as written. */
    @Override
    public ArgInstruction expand(WordExpander expander) {
        List<ArgDefinition> expanded = new ArrayList<>();
        for (ArgDefinition arg : args) {
            expanded.add(new ArgDefinition(arg.name(), Expansions.word(arg.defaultValue(), expander)));
        }
        return new ArgInstruction(range, original, expanded);
    }
}
