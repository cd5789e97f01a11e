package dev.shipyard.dockerfile.expansion;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of expanding one word: the joined result, its fields, and the variable names it
 * referenced that were set ({@code used}) or unset ({@code unmatched}).
 */
public record ProcessedWord(String result, List<String> words, Set<String> used, Set<String> unmatched) {

    public ProcessedWord {
        words = List.copyOf(words);
        // sorted so that cache keys and lint output built from these sets are stable
        used = Collections.unmodifiableSortedSet(new TreeSet<>(used));
        unmatched = Collections.unmodifiableSortedSet(new TreeSet<>(unmatched));
    }
}
