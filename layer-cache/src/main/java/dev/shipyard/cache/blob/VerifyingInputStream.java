package dev.shipyard.cache.blob;

import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stored blob and throws {@link DigestMismatchException} when the bytes do not hash to the expected digest
 * (or have an unexpected length), after telling the store through {@code onCorrupt}.
 */
public class VerifyingInputStream extends dev.shipyard.oci.VerifyingInputStream {

    /** What the store does with a blob found corrupt: remove it, count it. */
    @FunctionalInterface
    public interface CorruptionHandler {
        void corrupt(Digest expected, Digest actual) throws IOException;
    }

    private final String where;
    private final CorruptionHandler onCorrupt;

    /**
     * @param expectedSize the stored size when known, or -1
     * @param where the store and blob, for the error message
     */
    public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String where, CorruptionHandler onCorrupt) {
        super(in, expected, expectedSize);
        this.where = where;
        this.onCorrupt = onCorrupt;
    }

    @Override
    protected void mismatch(Digest expected, Digest actual, long bytes) throws IOException {
        onCorrupt.corrupt(expected, actual);
        throw new DigestMismatchException(expected, actual, where);
    }
}
