package dev.shipyard.dockerfile.ignore;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One cleaned .dockerignore pattern, matched as moby's patternmatcher does: {@code *} and {@code ?}
 * never cross '/', {@code **} spans any number of directories, a leading {@code **} matches by suffix
 * and a trailing one by prefix.
 */
final class IgnorePattern {

    private enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    private final String text;
    private final boolean exclusion;
    private final int line;
    private final Kind kind;
    private final Pattern regex;
    private final List<String> segments;

    private IgnorePattern(String text, boolean exclusion, int line, Kind kind, Pattern regex) {
        this.text = text;
        this.exclusion = exclusion;
        this.line = line;
        this.kind = kind;
        this.regex = regex;
        this.segments = List.of(text.split("/", -1));
    }

    /** Compiles a cleaned pattern without its '!'; the caller has validated the syntax. */
    static IgnorePattern compile(String text, boolean exclusion, int line) {
        StringBuilder regex = new StringBuilder("^");
        Kind kind = Kind.EXACT;
        int i = 0;
        for (int step = 0; i < text.length(); step++) {
            char c = text.charAt(i);
            if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                i += 2;
                if (i < text.length() && text.charAt(i) == '/') {
                    i++;
                }
                if (i < text.length()) {
                    regex.append("(.*/)?");
                    kind = Kind.REGEX;
                } else if (kind == Kind.EXACT) {
                    kind = Kind.PREFIX;
                } else {
                    regex.append(".*");
                    kind = Kind.REGEX;
                }
                if (step == 0) {
                    kind = Kind.SUFFIX;
                }
            } else if (c == '*' || c == '?') {
                regex.append(c == '*' ? "[^/]*" : "[^/]");
                kind = Kind.REGEX;
                i++;
            } else if (c == '\\') {
                regex.append(GlobSyntax.quote(text.codePointAt(i + 1)));
                kind = Kind.REGEX;
                i += 1 + Character.charCount(text.codePointAt(i + 1));
            } else if (c == '[') {
                GlobSyntax.ClassSpan span = GlobSyntax.parseClass(text, i);
                regex.append(span.regex());
                kind = Kind.REGEX;
                i = span.end();
            } else {
                int cp = text.codePointAt(i);
                regex.append(GlobSyntax.quote(cp));
                i += Character.charCount(cp);
            }
        }
        Pattern compiled = kind == Kind.REGEX ? Pattern.compile(regex.append('$').toString(), Pattern.UNIX_LINES) : null;
        return new IgnorePattern(text, exclusion, line, kind, compiled);
    }

    boolean matches(String path) {
        switch (kind) {
            case EXACT:
                return path.equals(text);
            case PREFIX:
                return path.startsWith(text.substring(0, text.length() - 2));
            case SUFFIX:
                String suffix = text.substring(2);
                return path.endsWith(suffix) || (suffix.startsWith("/") && path.equals(suffix.substring(1)));
            default:
                return regex.matcher(path).find();
        }
    }

    /** True if the pattern matches {@code path} or one of its parent directories. */
    boolean matchesSelfOrParent(String path) {
        if (matches(path)) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (matches(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Conservatively, whether this pattern could match something strictly below {@code dir}: each of
     * the dir's segments must match the pattern's segment at the same depth; {@code **} could match anything.
     */
    boolean couldMatchBelow(String dir) {
        String[] dirSegments = dir.split("/");
        int depth = Math.min(dirSegments.length, segments.size());
        for (int k = 0; k < depth; k++) {
            String segment = segments.get(k);
            if (segment.contains("**")) {
                return true;
            }
            if (!compile(segment, exclusion, line).matches(dirSegments[k])) {
                return false;
            }
        }
        return true;
    }

    String text() {
        return text;
    }

    boolean exclusion() {
        return exclusion;
    }

    int line() {
        return line;
    }

    @Override
    public String toString() {
        return (exclusion ? "!" : "") + text;
    }
}
