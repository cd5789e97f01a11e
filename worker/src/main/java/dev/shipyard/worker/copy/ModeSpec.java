package dev.shipyard.worker.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --chmod} value: octal ({@code 755}, {@code 0644}) or, as newer BuildKit accepts,
 * symbolic clauses like {@code u+x,go-w} applied to each file's own mode.
 */
public final class ModeSpec {

    private static final Pattern OCTAL = Pattern.compile("[0-7]+");
    private static final Pattern CLAUSE = Pattern.compile("([ugoa]*)([-+=])([rwxXst]*)");

    private final Integer octal;
    private final List<Clause> clauses;

    private ModeSpec(Integer octal, List<Clause> clauses) {
        this.octal = octal;
        this.clauses = clauses;
    }

    /** Parses a --chmod value; null or empty gives null. */
    public static ModeSpec parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (OCTAL.matcher(text).matches()) {
            long mode = text.length() > 12 ? Long.MAX_VALUE : Long.parseLong(text, 8);
            if (mode > 07777) {
                throw invalid(text);
            }
            return new ModeSpec((int) mode, List.of());
        }
        List<Clause> clauses = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = CLAUSE.matcher(part);
            if (!m.matches()) {
                throw invalid(text);
            }
            clauses.add(new Clause(m.group(1).isEmpty() ? "a" : m.group(1), m.group(2).charAt(0), m.group(3)));
        }
        return new ModeSpec(null, List.copyOf(clauses));
    }

    private static CopyException invalid(String text) {
        return new CopyException("could not parse --chmod=" + text
                + ": expected an octal mode between 0 and 07777 (755) or symbolic clauses (u+x,go-w)");
    }

    /** The permission bits (07777) for a file whose current bits are {@code mode}. */
    public int apply(int mode, boolean directory) {
        if (octal != null) {
            return octal;
        }
        int result = mode & 07777;
        for (Clause clause : clauses) {
            result = clause.apply(result, directory || (mode & 0111) != 0);
        }
        return result;
    }

    private record Clause(String who, char op, String perms) {

        int apply(int mode, boolean executable) {
            int mask = 0;
            for (char w : who.toCharArray()) {
                mask |= switch (w) {
                    case 'u' -> 04700;
                    case 'g' -> 02070;
                    case 'o' -> 01007;
                    default -> 07777;
                };
            }
            int bits = 0;
            for (char p : perms.toCharArray()) {
                bits |= switch (p) {
                    case 'r' -> 0444;
                    case 'w' -> 0222;
                    case 'x' -> 0111;
                    case 'X' -> executable ? 0111 : 0;
                    case 's' -> 06000;
                    default -> 01000;
                };
            }
            bits &= mask;
            if (op == '+') {
                return mode | bits;
            }
            if (op == '-') {
                return mode & ~bits;
            }
            return (mode & ~(mask & 0777)) | bits;
        }
    }

    @Override
    public String toString() {
        return octal != null ? Integer.toOctalString(octal) : clauses.toString();
    }
}
