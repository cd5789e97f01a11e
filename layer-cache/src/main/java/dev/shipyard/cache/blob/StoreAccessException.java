package dev.shipyard.cache.blob;

import java.io.IOException;

/** A permanent refusal by the store (bad credentials, missing bucket, forbidden): retrying will not help. */
public class StoreAccessException extends IOException {
    public StoreAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
