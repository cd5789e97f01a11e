package dev.shipyard.dockerfile.parser;

import dev.shipyard.dockerfile.DockerfileException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects parser directives until the first line that is not one. */
final class DirectiveReader {

    private static final Pattern DIRECTIVE =
            Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*\\z", Pattern.DOTALL);

    private final Map<String, String> seen = new HashMap<>();
    private boolean done;

    /** Looks at a left-trimmed line; the first line that is not a known directive ends the search. */
    void consider(String line) {
        if (done) {
            return;
        }
        Matcher match = DIRECTIVE.matcher(line);
        if (!match.matches()) {
            done = true;
            return;
        }
        String key = match.group(1).toLowerCase(Locale.ROOT);
        if (!key.equals("syntax") && !key.equals("escape") && !key.equals("check")) {
            done = true;
            return;
        }
        if (seen.containsKey(key)) {
            throw new DockerfileException("only one " + key + " parser directive can be used");
        }
        String value = match.group(2);
        if (key.equals("escape") && !value.equals("\\") && !value.equals("`")) {
            throw new DockerfileException("invalid escape token '" + value + "' does not match ` or \\");
        }
        seen.put(key, value);
    }

    char escapeToken() {
        String escape = seen.get("escape");
        return escape == null ? Directives.DEFAULT_ESCAPE : escape.charAt(0);
    }

    Directives directives() {
        return new Directives(seen.get("syntax"), escapeToken(), seen.get("check"));
    }
}
