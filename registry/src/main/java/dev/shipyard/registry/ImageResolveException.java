package dev.shipyard.registry;

import java.io.IOException;

/** An image a build names could not be found or fetched; the message says why and what the user can do. */
public class ImageResolveException extends IOException {

    /** Why resolution failed. */
    public enum Kind {
        /** Neither the local store nor the registry has the image. */
        NOT_FOUND,
        /** The registry refused the credentials, or asked for some it could not be given. */
        UNAUTHORIZED,
        /** The registry could not be reached at all. */
        UNREACHABLE,
        /** Anything else: a protocol error, corrupt content, a full disk. */
        FAILED
    }

    private final Kind kind;

    public ImageResolveException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether trying again later may succeed: an unreachable registry, or one answering 5xx or 429. */
    public boolean retriable() {
        return kind == Kind.UNREACHABLE || getCause() instanceof RetriableRegistryException;
    }
}
