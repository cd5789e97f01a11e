package dev.shipyard.dockerfile.ignore;

import java.util.regex.Pattern;

/**
 * Go {@code filepath.Match} syntax: validation, and translation of {@code [...]} classes and
 * escapes to Java regular expressions.
 */
final class GlobSyntax {

    private GlobSyntax() {
    }

    /** Returns null when the pattern is valid, otherwise what is wrong with it. */
    static String problem(String pattern) {
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= pattern.length()) {
                    return "trailing escape character '\\'";
                }
                i += 2;
            } else if (c == '[') {
                ClassSpan span = parseClass(pattern, i);
                if (span.problem() != null) {
                    return span.problem();
                }
                i = span.end();
            } else {
                i++;
            }
        }
        return null;
    }

    /** A character class starting at {@code start} ('['): its Java regex and the index after ']'. */
    record ClassSpan(String regex, int end, String problem) {
    }

    static ClassSpan parseClass(String pattern, int start) {
        StringBuilder regex = new StringBuilder("[");
        int i = start + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            regex.append('^');
            i++;
        }
        int ranges = 0;
        while (true) {
            if (i < pattern.length() && pattern.charAt(i) == ']' && ranges > 0) {
                return new ClassSpan(regex.append(']').toString(), i + 1, null);
            }
            int[] lo = escapedChar(pattern, i);
            if (lo == null) {
                return new ClassSpan(null, i, "unterminated or malformed character class");
            }
            i = lo[1];
            regex.append(quote(lo[0]));
            if (i < pattern.length() && pattern.charAt(i) == '-') {
                int[] hi = escapedChar(pattern, i + 1);
                if (hi == null) {
                    return new ClassSpan(null, i, "malformed range in character class");
                }
                i = hi[1];
                regex.append('-').append(quote(hi[0]));
            }
            ranges++;
        }
    }

    /** One class member: a plain or escaped character as {code point, next index}, or null if invalid. */
    private static int[] escapedChar(String pattern, int i) {
        if (i >= pattern.length()) {
            return null;
        }
        char c = pattern.charAt(i);
        if (c == '-' || c == ']') {
            return null;
        }
        if (c == '\\') {
            i++;
            if (i >= pattern.length()) {
                return null;
            }
        }
        int cp = pattern.codePointAt(i);
        return new int[] {cp, i + Character.charCount(cp)};
    }

    static String quote(int codePoint) {
        if (Character.isLetterOrDigit(codePoint)) {
            return Character.toString(codePoint);
        }
        return codePoint < 0x80 ? "\\" + (char) codePoint : Pattern.quote(Character.toString(codePoint));
    }
}
