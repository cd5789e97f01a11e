package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.DockerfileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code --name=value} flags of one instruction, declared then parsed, like BuildKit's BFlags. */
final class Flags {

    private enum Kind { BOOL, STRING, STRINGS }

    private static final class Flag {
        private final Kind kind;
        private String value;
        private final List<String> values = new ArrayList<>();
        private boolean used;

        Flag(Kind kind) {
            this.kind = kind;
        }
    }

    private final List<String> words;
    private final Map<String, Flag> declared = new LinkedHashMap<>();

    Flags(List<String> words) {
        this.words = words;
    }

    Flags bool(String name) {
        declared.put(name, new Flag(Kind.BOOL));
        return this;
    }

    Flags string(String name) {
        declared.put(name, new Flag(Kind.STRING));
        return this;
    }

    Flags strings(String name) {
        declared.put(name, new Flag(Kind.STRINGS));
        return this;
    }

    /** Parses the flag words against the declared flags; throws for unknown, repeated or malformed flags. */
    Flags parse() {
        for (String word : words) {
            if (word.equals("--")) {
                break;
            }
            if (!word.startsWith("--")) {
                throw new DockerfileException("arg should start with -- : " + word);
            }
            int eq = word.indexOf('=');
            String name = eq < 0 ? word.substring(2) : word.substring(2, eq);
            String value = eq < 0 ? null : word.substring(eq + 1);
            Flag flag = declared.get(name);
            if (flag == null) {
                throw new DockerfileException(Suggest.withSuggestion("unknown flag: " + name, name,
                        List.copyOf(declared.keySet()), true));
            }
            if (flag.used && flag.kind != Kind.STRINGS) {
                throw new DockerfileException("duplicate flag specified: " + name);
            }
            flag.used = true;
            assign(flag, name, value);
        }
        return this;
    }

    private static void assign(Flag flag, String name, String value) {
        if (flag.kind == Kind.BOOL) {
            if (value != null && value.isEmpty()) {
                throw new DockerfileException("missing a value on flag: " + name);
            }
            String lower = value == null ? "" : value.toLowerCase(Locale.ROOT);
            if (!lower.isEmpty() && !lower.equals("true") && !lower.equals("false")) {
                throw new DockerfileException("expecting boolean value for flag " + name + ", not: " + value);
            }
            flag.value = lower.isEmpty() ? "true" : lower;
            return;
        }
        if (value == null) {
            throw new DockerfileException("missing a value on flag: " + name);
        }
        if (flag.kind == Kind.STRING) {
            flag.value = value;
        } else {
            flag.values.add(value);
        }
    }

    /** The value of a string flag, null when not given or empty (BuildKit treats both alike). */
    String value(String name) {
        String value = declared.get(name).value;
        return value == null || value.isEmpty() ? null : value;
    }

    boolean isTrue(String name) {
        return "true".equals(declared.get(name).value);
    }

    List<String> values(String name) {
        return List.copyOf(declared.get(name).values);
    }
}
