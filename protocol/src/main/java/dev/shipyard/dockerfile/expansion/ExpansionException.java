package dev.shipyard.dockerfile.expansion;

/** A word could not be expanded; {@link #reason()} is the bare cause, the message also quotes the word. */
public final class ExpansionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String word;
    private final String reason;

    public ExpansionException(String word, String reason) {
        super("failed to process \"" + word + "\": " + reason);
        this.word = word;
        this.reason = reason;
    }

    /** The word as written in the Dockerfile. */
    public String word() {
        return word;
    }

    /** What is wrong, e.g. {@code VAR: is not allowed to be unset} or {@code syntax error: missing '}'}. */
    public String reason() {
        return reason;
    }
}
