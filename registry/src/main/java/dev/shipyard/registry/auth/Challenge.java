package dev.shipyard.registry.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge: a scheme ({@code bearer}, {@code basic}) and its parameters.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">token authentication</a>
 */
public record Challenge(String scheme, Map<String, String> params) {

    public Challenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    /** Parses {@code Bearer realm="https://auth",service="reg",scope="repository:x:pull"}; empty when unusable. */
    public static Optional<Challenge> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String text = header.trim();
        int space = text.indexOf(' ');
        String scheme = space < 0 ? text : text.substring(0, space);
        if (!scheme.matches("[A-Za-z][A-Za-z0-9._~+-]*")) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (space >= 0 && !parseParams(text.substring(space + 1), params)) {
            return Optional.empty();
        }
        return Optional.of(new Challenge(scheme, params));
    }

    /** key=value or key="quoted, value" pairs separated by commas; false on malformed text. */
    private static boolean parseParams(String text, Map<String, String> out) {
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                return false;
            }
            String key = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            i = eq + 1;
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                if (i >= text.length()) {
                    return false;
                }
                i++;
            } else {
                while (i < text.length() && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            if (key.isEmpty()) {
                return false;
            }
            out.put(key, value.toString().trim());
        }
        return true;
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }
}
