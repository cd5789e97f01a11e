package dev.shipyard.dockerfile.expansion;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell wildcard patterns of {@code ${v#p}}, {@code ${v%p}} and {@code ${v/p/r}}: {@code *} and
 * {@code ?} are wildcards, {@code \} escapes {@code * ? \}, and everything else (brackets included,
 * as in BuildKit) is literal.
 */
final class ShellPattern {

    private ShellPattern() {
    }

    /** Compiles a pattern; a failure is reported as the reason string of an {@link ExpansionException}. */
    static Pattern compile(String pattern, boolean greedy, boolean anchored) {
        StringBuilder regex = new StringBuilder(anchored ? "^" : "");
        int[] cps = pattern.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == '*') {
                regex.append(greedy ? ".*" : ".*?");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '\\') {
                int next = i + 1 < cps.length ? cps[i + 1] : -1;
                if (next == '}' || next == '/') {
                    continue; // the escape only protected the ${} delimiter
                }
                if (next != '*' && next != '?' && next != '\\') {
                    String shown = next < 0 ? "" : Character.toString(next);
                    throw new PatternError("invalid pattern (" + pattern + ") in substitution: invalid escape '\\" + shown + "'");
                }
                regex.append(Pattern.quote(Character.toString(next)));
                i++;
            } else {
                regex.append(Pattern.quote(Character.toString(c)));
            }
        }
        // UNIX_LINES: '.' must exclude only '\n', like Go's regexp
        return Pattern.compile(regex.toString(), Pattern.UNIX_LINES);
    }

    static String trimPrefix(String pattern, String value, boolean greedy) {
        Matcher m = compile(pattern, greedy, true).matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }

    /** Regexes find the leftmost match only, so the suffix case reverses pattern and value. */
    static String trimSuffix(String pattern, String value, boolean greedy) {
        return reverse(trimPrefix(reversePattern(pattern), reverse(value), greedy));
    }

    static String replaceFirst(String pattern, String value, String replacement) {
        Matcher m = compile(pattern, true, false).matcher(value);
        if (!m.find()) {
            return value;
        }
        return value.substring(0, m.start()) + replacement + value.substring(m.end());
    }

    /** Replaces every match; an empty match right after a previous match is skipped, as Go does. */
    static String replaceAll(String pattern, String value, String replacement) {
        Matcher m = compile(pattern, true, false).matcher(value);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int lastEnd = -1;
        while (m.find()) {
            if (m.start() == m.end() && m.start() == lastEnd) {
                continue;
            }
            out.append(value, copied, m.start()).append(expandTemplate(replacement, m.group()));
            copied = m.end();
            lastEnd = m.end();
        }
        return out.append(value, copied, value.length()).toString();
    }

    /**
     * Go's ReplaceAllString treats the replacement as a template: {@code $$} is a dollar,
     * {@code $0}/{@code ${0}} the match, other names an absent group (empty), a bare {@code $} literal.
     */
    static String expandTemplate(String template, String match) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            boolean braced = template.charAt(i + 1) == '{';
            int start = braced ? i + 2 : i + 1;
            int end = start;
            while (end < template.length() && isNameChar(template.charAt(end))) {
                end++;
            }
            boolean closed = !braced || (end < template.length() && template.charAt(end) == '}');
            if (end == start || !closed) {
                out.append('$');
                i++;
                continue;
            }
            String name = template.substring(start, end);
            if (name.chars().allMatch(Character::isDigit) && Integer.parseInt(name.length() > 9 ? "99" : name) == 0) {
                out.append(match);
            }
            i = braced ? end + 1 : end;
        }
        return out.toString();
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c < 128 && Character.isLetterOrDigit(c));
    }

    static String reverse(String s) {
        int[] cps = s.codePoints().toArray();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = cps.length - 1; i >= 0; i--) {
            out.appendCodePoint(cps[i]);
        }
        return out.toString();
    }

    /** Reverses a pattern while keeping each escape before the character it escapes. */
    static String reversePattern(String pattern) {
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int last = cps.length - 1;
        int i = 0;
        while (i <= last) {
            int at = last - i;
            if (cps[i] == '\\' && i != last) {
                out[at - 1] = cps[i];
                out[at] = cps[i + 1];
                i += 2;
            } else {
                out[at] = cps[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    /** A malformed pattern; carries the BuildKit wording. */
    static final class PatternError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PatternError(String message) {
            super(message);
        }
    }
}
