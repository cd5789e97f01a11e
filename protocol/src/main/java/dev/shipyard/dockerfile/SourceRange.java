package dev.shipyard.dockerfile;

/** An inclusive range of 1-based lines in a Dockerfile. */
public record SourceRange(int startLine, int endLine) {

    public SourceRange {
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("invalid source range " + startLine + "-" + endLine
                    + ": lines start at 1 and the end may not precede the start");
        }
    }

    /** A range covering a single line. */
    public static SourceRange line(int line) {
        return new SourceRange(line, line);
    }
}
