package dev.shipyard.worker.copy;

/** A COPY or ADD that cannot be carried out; the message is meant for the person who wrote the Dockerfile. */
public class CopyException extends RuntimeException {

    public CopyException(String message) {
        super(message);
    }

    public CopyException(String message, Throwable cause) {
        super(message, cause);
    }
}
