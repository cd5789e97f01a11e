package dev.shipyard.dockerfile.ignore;

/** A .dockerignore file could not be read or holds a bad pattern; names the file and line. */
public final class DockerIgnoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final int line;

    public DockerIgnoreException(String sourceName, int line, String reason) {
        super("could not parse " + sourceName + (line > 0 ? " line " + line : "") + ": " + reason);
        this.sourceName = sourceName;
        this.line = line;
    }

    public DockerIgnoreException(String sourceName, String reason, Throwable cause) {
        super("could not read " + sourceName + ": " + reason, cause);
        this.sourceName = sourceName;
        this.line = 0;
    }

    public String sourceName() {
        return sourceName;
    }

    /** 1-based line of the bad pattern, 0 when the whole file is concerned. */
    public int line() {
        return line;
    }
}
