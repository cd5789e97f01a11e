package dev.shipyard.worker.copy;

/** Go's {@code filepath.Match} on slash-separated names: {@code * ? [a-z] [^x] \x}, never crossing '/'. */
final class GoGlob {

    private GoGlob() {
    }

    /** Whether the text holds an unescaped wildcard, as fsutil decides before matching. */
    static boolean hasMeta(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /** Matches the whole name; throws {@link CopyException} for a malformed pattern. */
    static boolean matches(String pattern, String name) {
        return match(pattern, 0, name, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return s.indexOf('/', si) < 0;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (match(p, pi, s, k)) {
                        return true;
                    }
                    if (k < s.length() && s.charAt(k) == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                checkRest(p, pi);
                return false;
            }
            char ch = s.charAt(si);
            if (c == '?') {
                if (ch == '/') {
                    return false;
                }
                pi++;
            } else if (c == '[') {
                int end = classEnd(p, pi);
                if (ch == '/' || !classMatches(p, pi + 1, end, ch)) {
                    return false;
                }
                pi = end + 1;
            } else {
                if (c == '\\') {
                    pi++;
                    if (pi >= p.length()) {
                        throw bad(p);
                    }
                    c = p.charAt(pi);
                }
                if (c != ch) {
                    return false;
                }
                pi++;
            }
            si++;
        }
        return si == s.length();
    }

    private static void checkRest(String p, int pi) {
        for (int i = pi; i < p.length(); i++) {
            if (p.charAt(i) == '[') {
                i = classEnd(p, i);
            } else if (p.charAt(i) == '\\' && ++i >= p.length()) {
                throw bad(p);
            }
        }
    }

    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        boolean first = true;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == ']' && !first) {
                return i;
            }
            if (c == '\\') {
                i++;
            }
            first = false;
            i++;
        }
        throw bad(p);
    }

    private static boolean classMatches(String p, int start, int end, char ch) {
        boolean negate = p.charAt(start) == '^';
        int i = negate ? start + 1 : start;
        boolean matched = false;
        while (i < end) {
            char lo = p.charAt(i);
            if (lo == '\\') {
                lo = p.charAt(++i);
            }
            char hi = lo;
            if (i + 2 < end && p.charAt(i + 1) == '-') {
                i += 2;
                hi = p.charAt(i);
                if (hi == '\\') {
                    hi = p.charAt(++i);
                }
            }
            if (lo <= ch && ch <= hi) {
                matched = true;
            }
            i++;
        }
        return matched != negate;
    }

    private static CopyException bad(String pattern) {
        return new CopyException("could not match source pattern '" + pattern + "': syntax error in pattern");
    }
}
