package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;

/** {@code ENV key=value ...} or the legacy {@code ENV key value}; values keep their quotes until expansion. */
public record EnvInstruction(SourceRange range, String original, List<KeyValue> variables) implements Instruction {

    public EnvInstruction {
        variables = List.copyOf(variables);
    }

    @Override
    public String keyword() {
        return "ENV";
    }

    /** Expands the values; BuildKit keeps ENV names as written. */
    @Override
    public EnvInstruction expand(WordExpander expander) {
        List<KeyValue> expanded = new ArrayList<>();
        for (KeyValue variable : variables) {
            expanded.add(new KeyValue(variable.key(), expander.expand(variable.value())));
        }
        return new EnvInstruction(range, original, expanded);
    }
}
