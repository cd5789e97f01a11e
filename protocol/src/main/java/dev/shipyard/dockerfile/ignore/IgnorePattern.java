package dev.shipyard.dockerfile.ignore;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One cleaned .dockerignore pattern, matched as moby's patternmatcher does: {@code *} and {@code ?}
 * never cross '/', {@code **} spans any number of directories, a leading {@code **} matches by suffix
 * and a trailing one by prefix. Immutable.
 */
final class IgnorePattern {

    private enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    private final String text;
    private final boolean exclusion;
    private final int line;
    private final Kind kind;
    private final Pattern regex;
    /** Per-directory-level matchers for {@link #couldMatchBelow}; null where a level holds {@code **}. */
    private final List<SegmentMatcher> segments;

    private record SegmentMatcher(IgnorePattern pattern) {
    }

    private IgnorePattern(String text, boolean exclusion, int line, Kind kind, Pattern regex, boolean withSegments) {
        this.text = text;
        this.exclusion = exclusion;
        this.line = line;
        this.kind = kind;
        this.regex = regex;
        this.segments = withSegments ? segmentMatchers(text) : List.of();
    }

    private static List<SegmentMatcher> segmentMatchers(String text) {
        return Arrays.stream(text.split("/", -1))
                .map(s -> new SegmentMatcher(s.contains("**") ? null : build(s, false, 0, false)))
                .toList();
    }

    /** Compiles a cleaned pattern without its '!'; the caller has validated the syntax. */
    static IgnorePattern compile(String text, boolean exclusion, int line) {
        return build(text, exclusion, line, true);
    }

    private static IgnorePattern build(String text, boolean exclusion, int line, boolean withSegments) {
        Translation t = new Translation(text);
        t.run();
        Pattern compiled = t.kind == Kind.REGEX ? Pattern.compile(t.regex.append('$').toString(), Pattern.UNIX_LINES) : null;
        return new IgnorePattern(text, exclusion, line, t.kind, compiled, withSegments);
    }

    /** Turns the glob into a regex while deciding whether a cheaper exact/prefix/suffix test suffices. */
    private static final class Translation {
        private final String text;
        private final StringBuilder regex = new StringBuilder("^");
        private Kind kind = Kind.EXACT;
        private int i;

        Translation(String text) {
            this.text = text;
        }

        void run() {
            for (int step = 0; i < text.length(); step++) {
                char c = text.charAt(i);
                if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                    doubleStar(step == 0);
                } else if (c == '*' || c == '?') {
                    regex.append(c == '*' ? "[^/]*" : "[^/]");
                    kind = Kind.REGEX;
                    i++;
                } else if (c == '\\') {
                    int escaped = text.codePointAt(i + 1);
                    regex.append(GlobSyntax.quote(escaped));
                    kind = Kind.REGEX;
                    i += 1 + Character.charCount(escaped);
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
        }

        /** {@code **} (with a following '/' folded in): any directories, or anything at the end. */
        private void doubleStar(boolean first) {
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
            if (first) {
                kind = Kind.SUFFIX;
            }
        }
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
            IgnorePattern segment = segments.get(k).pattern();
            if (segment == null) {
                return true;
            }
            if (!segment.matches(dirSegments[k])) {
                return false;
            }
        }
        return true;
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
