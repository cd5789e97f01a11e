package dev.shipyard.cache.blob;

import java.io.IOException;

/** A failure that may pass when the same call is tried again: the store was unreachable, timed out or answered 5xx. */
public class RetriableStoreException extends IOException {
    public RetriableStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
