package dev.shipyard.dockerfile;

/** Quotes text in error messages the way Go's {@code %q} does, so messages match BuildKit's. */
public final class Quote {

    private Quote() {
    }

    /** The text in double quotes with backslash escapes for quotes, backslashes and control characters. */
    public static String go(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(cp -> appendEscaped(out, cp));
        return out.append('"').toString();
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (cp < 0x20 || cp == 0x7f) {
                    out.append(String.format("\\x%02x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }
}
