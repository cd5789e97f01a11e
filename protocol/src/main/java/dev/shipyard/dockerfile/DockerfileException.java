package dev.shipyard.dockerfile;

/**
 * A Dockerfile that cannot be parsed or expanded, worded like BuildKit's frontend:
 * {@code Dockerfile:7: dockerfile parse error on line 7: unknown instruction: RNU (did you mean RUN?)}.
 */
public class DockerfileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final transient SourceRange range;
    private final String detail;

    /**
     * @param fileName the Dockerfile's name, or null when not known yet
     * @param range the offending lines, or null when the whole file is at fault
     * @param detail what is wrong, without location
     */
    public DockerfileException(String fileName, SourceRange range, String detail) {
        super(detail);
        this.fileName = fileName;
        this.range = range;
        this.detail = detail;
    }

    /** An error whose location is filled in later by the parser that knows it. */
    public DockerfileException(String detail) {
        this(null, null, detail);
    }

    /** The same error placed at a file and range, unless it already carries a range. */
    public DockerfileException at(String newFileName, SourceRange newRange) {
        SourceRange where = range != null ? range : newRange;
        String name = fileName != null ? fileName : newFileName;
        DockerfileException located = new DockerfileException(name, where, detail);
        located.initCause(this);
        return located;
    }

    public String fileName() {
        return fileName;
    }

    /** The offending lines, or null for whole-file errors. */
    public SourceRange range() {
        return range;
    }

    /** What is wrong, without the location prefix. */
    public String detail() {
        return detail;
    }

    @Override
    public String getMessage() {
        StringBuilder message = new StringBuilder();
        if (fileName != null) {
            message.append(fileName);
            message.append(range != null ? ":" + range.startLine() + ": " : ": ");
        }
        if (range != null) {
            message.append("dockerfile parse error on line ").append(range.startLine()).append(": ");
        }
        return message.append(detail).toString();
    }
}
