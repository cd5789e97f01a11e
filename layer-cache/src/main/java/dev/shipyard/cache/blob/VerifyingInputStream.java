package dev.shipyard.cache.blob;

import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stored blob and throws {@link DigestMismatchException} at its end when the bytes do not hash to the
 * expected digest (or have an unexpected length), after telling the store through {@code onCorrupt}.
 */
public class VerifyingInputStream extends DigestingInputStream {

    /** What the store does with a blob found corrupt: remove it, count it. */
    @FunctionalInterface
    public interface CorruptionHandler {
        void corrupt(Digest expected, Digest actual) throws IOException;
    }

    private final Digest expected;
    private final long expectedSize;
    private final String where;
    private final CorruptionHandler onCorrupt;
    private boolean checked;

    /**
     * @param expectedSize the stored size when known, or -1
     * @param where the store and blob, for the error message
     */
    public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String where, CorruptionHandler onCorrupt) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.where = where;
        this.onCorrupt = onCorrupt;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0 || reachedExpectedSize()) {
            verify();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0 || reachedExpectedSize()) {
            verify();
        }
        return n;
    }

    // Verifying on the last expected byte catches readers that stop at the known size without reading EOF.
    private boolean reachedExpectedSize() {
        return expectedSize >= 0 && count() >= expectedSize;
    }

    private void verify() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        Digest actual = digest();
        if (!actual.equals(expected) || (expectedSize >= 0 && count() != expectedSize)) {
            onCorrupt.corrupt(expected, actual);
            throw new DigestMismatchException(expected, actual, where);
        }
    }
}
