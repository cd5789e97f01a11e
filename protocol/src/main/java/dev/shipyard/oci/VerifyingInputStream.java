package dev.shipyard.oci;

import java.io.IOException;
import java.io.InputStream;

/**
 * Hashes a blob while it is read and fails when the digest or size is not the expected one: at the end of the
 * stream, or at the last expected byte for readers that stop at the known size without reading the end.
 */
public class VerifyingInputStream extends DigestingInputStream {

    private final Digest expected;
    private final long expectedSize;
    private boolean checked;

    /** Wraps {@code in}; {@code expectedSize} below zero means the size is not known. */
    public VerifyingInputStream(InputStream in, Digest expected, long expectedSize) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
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
            mismatch(expected, actual, count());
        }
    }

    /** Reports a blob whose bytes are not the expected ones; subclasses may also tell their store. */
    protected void mismatch(Digest expectedDigest, Digest actual, long bytes) throws IOException {
        if (expectedSize >= 0 && bytes != expectedSize) {
            throw new IOException("blob " + expectedDigest + " is corrupt: " + bytes + " bytes instead of " + expectedSize);
        }
        throw new IOException("blob " + expectedDigest + " is corrupt: its content has digest " + actual);
    }
}
