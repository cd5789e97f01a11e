package dev.shipyard.dockerfile.instructions;

import java.util.ArrayList;
import java.util.List;

/** Applies a word expander to optional words and lists. */
final class Expansions {

    private Expansions() {
    }

    static String word(String word, WordExpander expander) {
        return word == null ? null : expander.expand(word);
    }

    static List<String> all(List<String> words, WordExpander expander) {
        List<String> expanded = new ArrayList<>(words.size());
        for (String word : words) {
            expanded.add(expander.expand(word));
        }
        return List.copyOf(expanded);
    }
}
