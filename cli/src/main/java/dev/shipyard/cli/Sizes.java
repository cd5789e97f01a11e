package dev.shipyard.cli;

import java.util.Locale;

/** Byte sizes as docker writes them: {@code 512m}, {@code 2g}, {@code 1024}. */
final class Sizes {

    private Sizes() {
    }

    static long parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("b")) {
            value = value.substring(0, value.length() - 1);
        }
        long unit = 1;
        char last = value.isEmpty() ? ' ' : value.charAt(value.length() - 1);
        if ("kmg".indexOf(last) >= 0) {
            unit = 1L << (10 * ("kmg".indexOf(last) + 1));
            value = value.substring(0, value.length() - 1);
        }
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + text + "': expected a number with k, m or g");
        }
    }
}
