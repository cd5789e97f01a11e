package dev.shipyard.dockerfile.expansion;

import java.util.List;

/**
 * Dockerfile word processing as BuildKit's shell lexer does it: quote removal, escapes and
 * {@code $var}/{@code ${var...}} expansion, and splitting into fields. Immutable and thread-safe.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/#environment-replacement">Environment replacement</a>
 */
public final class ShellLex {

    private final int escapeToken;

    /** @param escapeToken the Dockerfile escape character, {@code \} (default) or {@code `} */
    public ShellLex(char escapeToken) {
        if (escapeToken != '\\' && escapeToken != '`') {
            throw new IllegalArgumentException("escape character must be '\\' or '`', got '" + escapeToken + "'");
        }
        this.escapeToken = escapeToken;
    }

    /** A lexer with the default escape character {@code \}. */
    public static ShellLex standard() {
        return new ShellLex('\\');
    }

    public char escapeToken() {
        return (char) escapeToken;
    }

    /** Expands one word: quotes removed, escapes resolved, variables replaced; spaces are kept. */
    public String processWord(String word, VariableLookup env) {
        return processWordWithMatches(word, env).result();
    }

    /** Expands and splits into fields; quoted text and escaped characters never split. */
    public List<String> processWords(String word, VariableLookup env) {
        return processWordWithMatches(word, env).words();
    }

    /** Expands a word and also reports which variable names it referenced. */
    public ProcessedWord processWordWithMatches(String word, VariableLookup env) {
        WordScanner scanner = new WordScanner(word, escapeToken, env);
        try {
            return scanner.process();
        } catch (WordScanner.SyntaxError | ShellPattern.PatternError e) {
            throw new ExpansionException(word, e.getMessage());
        }
    }
}
