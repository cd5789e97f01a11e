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
    private final String reason;

    /** "could not resolve FROM {@code reference}: {@code reason}". */
    public ImageResolveException(Kind kind, String reference, String reason, Throwable cause) {
        super("could not resolve FROM " + reference + ": " + reason, cause);
        this.kind = kind;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    /** The message without its "could not resolve FROM ..." start, for callers that name the action themselves. */
    public String reason() {
        return reason;
    }

    /** Whether trying again later may succeed: an unreachable registry, or one answering 5xx or 429. */
    public boolean retriable() {
        return kind == Kind.UNREACHABLE || getCause() instanceof RetriableRegistryException;
    }
}
