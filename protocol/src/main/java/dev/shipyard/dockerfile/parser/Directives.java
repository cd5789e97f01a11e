package dev.shipyard.dockerfile.parser;

/**
 * Parser directives read from the top of a Dockerfile.
 *
 * @param syntax the {@code # syntax=} frontend image, or null
 * @param escapeToken the escape and line-continuation character, {@code \} or {@code `}
 * @param check the {@code # check=} lint configuration as written, or null
 * @see <a href="https://docs.docker.com/reference/dockerfile/#parser-directives">parser directives</a>
 */
public record Directives(String syntax, char escapeToken, String check) {

    public static final char DEFAULT_ESCAPE = '\\';

    public Directives {
        if (escapeToken != '\\' && escapeToken != '`') {
            throw new IllegalArgumentException("invalid escape token '" + escapeToken + "': expected \\ or `");
        }
    }

    /** No directives: backslash escapes. */
    public static Directives defaults() {
        return new Directives(null, DEFAULT_ESCAPE, null);
    }
}
