package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.Quote;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** Parses durations written as Go's time.ParseDuration accepts them ({@code 1h30m}, {@code 1.5s}, {@code 300ms}). */
final class GoDuration {

    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    static Duration parse(String text) {
        String rest = text;
        boolean negative = false;
        if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
            negative = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        while (!rest.isEmpty()) {
            int numberEnd = 0;
            while (numberEnd < rest.length() && (Character.isDigit(rest.charAt(numberEnd)) && rest.charAt(numberEnd) < 128
                    || rest.charAt(numberEnd) == '.')) {
                numberEnd++;
            }
            String number = rest.substring(0, numberEnd);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitEnd = numberEnd;
            while (unitEnd < rest.length() && rest.charAt(unitEnd) != '.' && !Character.isDigit(rest.charAt(unitEnd))) {
                unitEnd++;
            }
            String unit = rest.substring(numberEnd, unitEnd);
            if (unit.isEmpty()) {
                throw new DockerfileException("time: missing unit in duration " + Quote.go(text));
            }
            Long nanos = UNITS.get(unit);
            if (nanos == null) {
                throw new DockerfileException("time: unknown unit " + Quote.go(unit) + " in duration " + Quote.go(text));
            }
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number).multiply(BigDecimal.valueOf(nanos)));
            if (total.compareTo(MAX_NANOS) > 0) {
                throw invalid(text);
            }
            rest = rest.substring(unitEnd);
        }
        long nanos = total.longValue();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static DockerfileException invalid(String text) {
        return new DockerfileException("time: invalid duration " + Quote.go(text));
    }
}
