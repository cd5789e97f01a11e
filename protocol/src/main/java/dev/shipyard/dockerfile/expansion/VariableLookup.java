package dev.shipyard.dockerfile.expansion;

import java.util.Map;
import java.util.Optional;

/** Where {@link ShellLex} finds the value of a variable; an empty result means the variable is unset. */
@FunctionalInterface
public interface VariableLookup {

    Optional<String> lookup(String name);

    /** Looks names up in a map; a key present with an empty value is set but empty. */
    static VariableLookup of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return name -> Optional.ofNullable(copy.get(name));
    }

    /** A lookup in which every variable is unset. */
    static VariableLookup empty() {
        return name -> Optional.empty();
    }
}
