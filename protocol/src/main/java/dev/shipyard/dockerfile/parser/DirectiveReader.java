package dev.shipyard.dockerfile.parser;

import dev.shipyard.dockerfile.DockerfileException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Collects parser directives until the first line that is not one. */
final class DirectiveReader {

    private final Map<String, String> seen = new HashMap<>();
    private boolean done;

    /** Looks at a left-trimmed line; the first line that is not a known directive ends the search. */
    void consider(String line) {
        if (done) {
            return;
        }
        String[] match = match(line);
        if (match == null) {
            done = true;
            return;
        }
        String key = match[0].toLowerCase(Locale.ROOT);
        if (!key.equals("syntax") && !key.equals("escape") && !key.equals("check")) {
            done = true;
            return;
        }
        if (seen.containsKey(key)) {
            throw new DockerfileException("only one " + key + " parser directive can be used");
        }
        String value = match[1];
        if (key.equals("escape") && !value.equals("\\") && !value.equals("`")) {
            throw new DockerfileException("invalid escape token '" + value + "' does not match ` or \\");
        }
        seen.put(key, value);
    }

    /**
     * Key and value of {@code # key = value} (Go's {@code ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$}),
     * or null; written out by hand because the regular expression is quadratic on long blank runs.
     */
    static String[] match(String line) {
        if (!line.startsWith("#")) {
            return null;
        }
        int pos = skipBlanks(line, 1);
        int keyStart = pos;
        while (pos < line.length() && isKeyChar(line.charAt(pos), pos == keyStart)) {
            pos++;
        }
        int keyEnd = pos;
        pos = skipBlanks(line, pos);
        if (keyEnd == keyStart || pos >= line.length() || line.charAt(pos) != '=') {
            return null;
        }
        int valueStart = skipBlanks(line, pos + 1);
        int valueEnd = line.length();
        while (valueEnd > valueStart && isBlank(line.charAt(valueEnd - 1))) {
            valueEnd--;
        }
        if (valueEnd == valueStart) {
            // Go's lazy (.+?) still takes one character when only blanks follow the '='
            return pos + 1 < line.length() ? new String[] {line.substring(keyStart, keyEnd),
                line.substring(line.length() - 1)} : null;
        }
        return new String[] {line.substring(keyStart, keyEnd), line.substring(valueStart, valueEnd)};
    }

    private static boolean isKeyChar(char ch, boolean first) {
        boolean letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        return first ? letter : letter || (ch >= '0' && ch <= '9');
    }

    private static int skipBlanks(String line, int from) {
        int pos = from;
        while (pos < line.length() && isBlank(line.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    /** Go's {@code \s}: ASCII whitespace without the vertical tab. */
    private static boolean isBlank(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\f' || ch == '\r';
    }

    char escapeToken() {
        String escape = seen.get("escape");
        return escape == null ? Directives.DEFAULT_ESCAPE : escape.charAt(0);
    }

    Directives directives() {
        return new Directives(seen.get("syntax"), escapeToken(), seen.get("check"));
    }
}
