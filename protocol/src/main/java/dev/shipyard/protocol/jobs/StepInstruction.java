package dev.shipyard.protocol.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Objects;

/** The step's instruction after expansion: its keyword ({@code RUN}, {@code COPY}...) and its JSON form. */
public record StepInstruction(String keyword, JsonNode tree) {
    public StepInstruction {
        StepRef.requireText(keyword, "keyword");
        keyword = keyword.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(tree, "tree");
        tree = tree.deepCopy();
    }

    @Override
    public JsonNode tree() {
        return tree.deepCopy();
    }
}
