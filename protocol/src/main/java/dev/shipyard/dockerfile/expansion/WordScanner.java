package dev.shipyard.dockerfile.expansion;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One pass over one word; holds the cursor and the referenced names, so it is used once. */
final class WordScanner {

    private static final int EOF = -1;
    private static final String MISSING_BRACE = "syntax error: missing '}'";

    private final int[] chars;
    private final int escapeToken;
    private final VariableLookup env;
    private final Set<String> used = new LinkedHashSet<>();
    private final Set<String> unmatched = new LinkedHashSet<>();
    private int pos;

    WordScanner(String word, int escapeToken, VariableLookup env) {
        this.chars = word.codePoints().toArray();
        this.escapeToken = escapeToken;
        this.env = env;
    }

    ProcessedWord process() {
        Segment whole = processUntil(EOF, false);
        return new ProcessedWord(whole.text(), whole.words(), used, unmatched);
    }

    private record Segment(String text, List<String> words) {
    }

    private int peek() {
        return pos < chars.length ? chars[pos] : EOF;
    }

    private int next() {
        return pos < chars.length ? chars[pos++] : EOF;
    }

    /** Reads up to {@code stop} (consumed) or the end; raw escapes keep the escape character. */
    private Segment processUntil(int stop, boolean rawEscapes) {
        StringBuilder result = new StringBuilder();
        Fields fields = new Fields();
        while (peek() != EOF) {
            int ch = peek();
            if (stop != EOF && ch == stop) {
                next();
                return new Segment(result.toString(), fields.finish());
            }
            if (ch == '$') {
                String value = processDollar();
                result.append(value);
                fields.addString(value);
            } else if (ch == '\'' || ch == '"') {
                String value = ch == '\'' ? processSingleQuote() : processDoubleQuote(rawEscapes);
                result.append(value);
                fields.addRawString(value);
            } else if (!processPlain(result, fields, rawEscapes)) {
                break;
            }
        }
        if (stop != EOF) {
            throw new SyntaxError("unexpected end of statement while looking for matching " + Character.toString(stop));
        }
        return new Segment(result.toString(), fields.finish());
    }

    /** Consumes one ordinary or escaped character; false when a trailing escape ends the word. */
    private boolean processPlain(StringBuilder result, Fields fields, boolean rawEscapes) {
        int ch = next();
        if (ch != escapeToken) {
            fields.addChar(ch);
            result.appendCodePoint(ch);
            return true;
        }
        if (rawEscapes) {
            fields.addRawChar(ch);
            result.appendCodePoint(ch);
        }
        int escaped = next();
        if (escaped == EOF) {
            return false;
        }
        fields.addRawChar(escaped);
        result.appendCodePoint(escaped);
        return true;
    }

    /** Everything up to the next single quote is literal; a single quote cannot be escaped inside. */
    private String processSingleQuote() {
        next();
        StringBuilder result = new StringBuilder();
        for (int ch = next(); ch != '\''; ch = next()) {
            if (ch == EOF) {
                throw new SyntaxError("unexpected end of statement while looking for matching single-quote");
            }
            result.appendCodePoint(ch);
        }
        return result.toString();
    }

    /** Expands {@code $}; the escape character protects only {@code " $} and itself, else stays. */
    private String processDoubleQuote(boolean rawEscapes) {
        next();
        StringBuilder result = new StringBuilder();
        while (true) {
            int ch = peek();
            if (ch == EOF) {
                throw new SyntaxError("unexpected end of statement while looking for matching double-quote");
            }
            if (ch == '"') {
                next();
                return result.toString();
            }
            if (ch == '$') {
                result.append(processDollar());
                continue;
            }
            ch = next();
            if (ch == escapeToken) {
                if (rawEscapes) {
                    result.appendCodePoint(ch);
                }
                int following = peek();
                if (following == EOF) {
                    continue;
                }
                if (following == '"' || following == '$' || following == escapeToken) {
                    ch = next();
                }
            }
            result.appendCodePoint(ch);
        }
    }

    private String processDollar() {
        next();
        if (peek() != '{') {
            String name = processName();
            return name.isEmpty() ? "$" : lookup(name).orElse("");
        }
        next();
        int first = peek();
        if (first == EOF) {
            throw new SyntaxError(MISSING_BRACE);
        }
        if (first == '{' || first == '}' || first == ':') {
            throw new SyntaxError("syntax error: bad substitution");
        }
        String name = processName();
        int ch = next();
        if (ch == '}') {
            return lookup(name).orElse("");
        }
        if (ch == '/') {
            return processReplace(name);
        }
        if (ch == EOF) {
            throw new SyntaxError(MISSING_BRACE);
        }
        return processModifier(name, ch);
    }

    /** {@code ${name<op>word}} for the operators {@code - + ? # %}, optionally preceded by {@code :}. */
    private String processModifier(String name, int op) {
        String shown = Character.toString(op);
        boolean nullIsUnset = false;
        if (op == ':') {
            nullIsUnset = true;
            op = next();
            shown += op == EOF ? "" : Character.toString(op);
        } else if ("+-?#%".indexOf(op) < 0) {
            throw new SyntaxError("unsupported modifier (" + shown + ") in substitution");
        }
        String word = processWordUntilBrace(op == '#' || op == '%');
        Optional<String> value = lookup(name);
        boolean absent = value.isEmpty() || (nullIsUnset && value.get().isEmpty());
        switch (op) {
            case '-':
                return absent ? word : value.get();
            case '+':
                return absent ? "" : word;
            case '?':
                if (absent) {
                    String fallback = value.isEmpty() ? "is not allowed to be unset" : "is not allowed to be empty";
                    throw new SyntaxError(name + ": " + (word.isEmpty() ? fallback : word));
                }
                return value.get();
            case '#':
            case '%':
                return trim(op, word, value.orElse(""));
            default:
                throw new SyntaxError("unsupported modifier (" + shown + ") in substitution");
        }
    }

    private String processWordUntilBrace(boolean rawEscapes) {
        try {
            return processUntil('}', rawEscapes).text();
        } catch (SyntaxError e) {
            if (peek() == EOF) {
                throw new SyntaxError(MISSING_BRACE);
            }
            throw e;
        }
    }

    /** {@code #}/{@code %} strip the shortest match, {@code ##}/{@code %%} the longest. */
    private static String trim(int op, String pattern, String value) {
        boolean greedy = !pattern.isEmpty() && pattern.charAt(0) == op;
        String p = greedy ? pattern.substring(1) : pattern;
        return op == '%' ? ShellPattern.trimSuffix(p, value, greedy) : ShellPattern.trimPrefix(p, value, greedy);
    }

    /** {@code ${name/pattern/replacement}} and {@code ${name//pattern/replacement}}. */
    private String processReplace(String name) {
        boolean all = peek() == '/';
        if (all) {
            next();
        }
        String pattern;
        try {
            pattern = processUntil('/', true).text();
        } catch (SyntaxError e) {
            if (peek() == EOF) {
                throw new SyntaxError("syntax error: missing '/' in ${}");
            }
            throw e;
        }
        String replacement = processWordUntilBrace(true);
        String value = lookup(name).orElse("");
        return all
                ? ShellPattern.replaceAll(pattern, value, replacement)
                : ShellPattern.replaceFirst(pattern, value, replacement);
    }

    /** A name of letters, digits and underscores; or all the digits of a positional; or one special. */
    private String processName() {
        StringBuilder name = new StringBuilder();
        while (peek() != EOF) {
            int ch = peek();
            if (name.length() == 0 && Character.isDigit(ch)) {
                while (peek() != EOF && Character.isDigit(peek())) {
                    name.appendCodePoint(next());
                }
                return name.toString();
            }
            if (name.length() == 0 && isSpecialParameter(ch)) {
                return Character.toString(next());
            }
            if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                break;
            }
            name.appendCodePoint(next());
        }
        return name.toString();
    }

    /** POSIX special parameters; Dockerfiles never set them, so they expand to nothing. */
    private static boolean isSpecialParameter(int ch) {
        return "@*#?-$!0".indexOf(ch) >= 0;
    }

    private Optional<String> lookup(String name) {
        Optional<String> value = env.lookup(name);
        (value.isPresent() ? used : unmatched).add(name);
        return value;
    }

    /** A malformed word; the message is BuildKit's wording. */
    static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }
}
