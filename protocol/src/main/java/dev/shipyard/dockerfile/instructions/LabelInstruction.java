package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;

/** {@code LABEL key=value ...}; keys and values keep their quotes until expansion. */
public record LabelInstruction(SourceRange range, String original, List<KeyValue> labels) implements Instruction {

    public LabelInstruction {
        labels = List.copyOf(labels);
    }

    @Override
    public String keyword() {
        return "LABEL";
    }

    /** Expands keys and values. */
    @Override
    public LabelInstruction expand(WordExpander expander) {
        List<KeyValue> expanded = new ArrayList<>();
        for (KeyValue label : labels) {
            expanded.add(new KeyValue(expander.expand(label.key()), expander.expand(label.value())));
        }
        return new LabelInstruction(range, original, expanded);
    }
}
