package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.Quote;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** Parses durations as Go's time.ParseDuration does ({@code 1h30m}, {@code 1.5s}, {@code 300ms}), errors included. */
final class GoDuration {

    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private final String text;
    private int pos;

    private GoDuration(String text) {
        this.text = text;
    }

    static Duration parse(String text) {
        return new GoDuration(text).parse();
    }

    private Duration parse() {
        boolean negative = false;
        if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
            negative = text.charAt(pos++) == '-';
        }
        if (text.substring(pos).equals("0")) {
            return Duration.ZERO;
        }
        if (pos == text.length()) {
            throw invalid();
        }
        BigDecimal nanos = BigDecimal.ZERO;
        while (pos < text.length()) {
            nanos = nanos.add(term());
            if (nanos.compareTo(MAX_NANOS) > 0) {
                throw invalid();
            }
        }
        return Duration.ofNanos(negative ? -nanos.longValue() : nanos.longValue());
    }

    /** One number followed by its unit, in nanoseconds. */
    private BigDecimal term() {
        String number = take(true);
        if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
            throw invalid();
        }
        String unit = take(false);
        if (unit.isEmpty()) {
            throw new DockerfileException("time: missing unit in duration " + Quote.go(text));
        }
        Long scale = UNITS.get(unit);
        if (scale == null) {
            throw new DockerfileException("time: unknown unit " + Quote.go(unit) + " in duration " + Quote.go(text));
        }
        String decimal = number.endsWith(".") ? number + "0" : number;
        return new BigDecimal(decimal).multiply(BigDecimal.valueOf(scale));
    }

    /** Consumes digits and dots (a number) or everything else (a unit). */
    private String take(boolean numeric) {
        int start = pos;
        while (pos < text.length() && isNumeric(text.charAt(pos)) == numeric) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isNumeric(char ch) {
        return ch == '.' || (ch >= '0' && ch <= '9');
    }

    private DockerfileException invalid() {
        return new DockerfileException("time: invalid duration " + Quote.go(text));
    }
}
