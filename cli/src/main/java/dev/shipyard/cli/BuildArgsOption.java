package dev.shipyard.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --build-arg K=V} (repeatable); {@code --build-arg K} takes K from the environment, as docker does. */
final class BuildArgsOption {

    @Option(names = "--build-arg", paramLabel = "K=V", description = "Set a build-time variable (repeatable).")
    List<String> entries = new ArrayList<>();

    Map<String, String> values() {
        return parse(entries, System.getenv());
    }

    static Map<String, String> parse(List<String> entries, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                values.put(entry.substring(0, eq), entry.substring(eq + 1));
            } else if (eq < 0 && environment.containsKey(entry)) {
                values.put(entry, environment.get(entry));
            } else if (eq == 0) {
                throw new picocli.CommandLine.TypeConversionException(
                        "invalid --build-arg '" + entry + "': expected NAME=value");
            }
        }
        return values;
    }
}
