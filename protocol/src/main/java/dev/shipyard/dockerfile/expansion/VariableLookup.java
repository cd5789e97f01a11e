package dev.shipyard.dockerfile.expansion;

import java.util.HashMap;
import java.util.List;
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

    /**
     * Looks names up in {@code KEY=value} entries as a container environment lists them: a later
     * entry wins, and an entry without '=' sets the variable to the empty string.
     */
    static VariableLookup fromEnvList(List<String> entries) {
        Map<String, String> variables = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            variables.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return of(variables);
    }

    /** A lookup in which every variable is unset. */
    static VariableLookup empty() {
        return name -> Optional.empty();
    }
}
