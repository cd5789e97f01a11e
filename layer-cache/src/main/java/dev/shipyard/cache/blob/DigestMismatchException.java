package dev.shipyard.cache.blob;

import dev.shipyard.oci.Digest;
import java.io.IOException;

/** Bytes that were expected to hash to one digest hashed to another: corrupt or truncated content. */
public class DigestMismatchException extends IOException {
    private final transient Digest expected;
    private final transient Digest actual;

    public DigestMismatchException(Digest expected, Digest actual, String where) {
        super("digest mismatch in " + where + ": expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
