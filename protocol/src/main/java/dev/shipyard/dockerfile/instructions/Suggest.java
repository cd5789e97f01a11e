package dev.shipyard.dockerfile.instructions;

import java.util.List;
import java.util.Locale;

/** Adds "(did you mean X?)" to a message when a close option exists, as BuildKit's suggest package does. */
final class Suggest {

    private static final int MAX_DISTANCE = 3;

    private Suggest() {
    }

    static String withSuggestion(String message, String value, List<String> options, boolean caseSensitive) {
        String wanted = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
        String match = null;
        int best = MAX_DISTANCE;
        for (String option : options) {
            String candidate = caseSensitive ? option : option.toLowerCase(Locale.ROOT);
            if (candidate.equals(wanted)) {
                return message;
            }
            int distance = distance(wanted, candidate);
            if (distance < best) {
                best = distance;
                match = caseSensitive ? candidate : matchCase(candidate, value);
            }
        }
        return match == null ? message : message + " (did you mean " + match + "?)";
    }

    private static String matchCase(String option, String original) {
        if (original.equals(original.toLowerCase(Locale.ROOT))) {
            return option.toLowerCase(Locale.ROOT);
        }
        if (original.equals(original.toUpperCase(Locale.ROOT))) {
            return option.toUpperCase(Locale.ROOT);
        }
        return option;
    }

    /**
     * Edit distance counting an adjacent transposition as one edit, so that a swapped pair of letters
     * ({@code RNU}) is nearer to the intended word ({@code RUN}) than to a word with two different letters.
     */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) >= MAX_DISTANCE) {
            return MAX_DISTANCE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
