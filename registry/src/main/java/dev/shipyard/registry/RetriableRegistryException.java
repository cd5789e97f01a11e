package dev.shipyard.registry;

/** A failure that may pass when tried again: a 5xx or 429 answer, or a broken connection. */
public class RetriableRegistryException extends RegistryException {

    public RetriableRegistryException(String message) {
        super(message);
    }

    public RetriableRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
