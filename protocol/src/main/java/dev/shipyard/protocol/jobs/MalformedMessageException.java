package dev.shipyard.protocol.jobs;

/** A message that cannot be decoded: not JSON, an unknown schema version or type, or a missing or invalid field. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
