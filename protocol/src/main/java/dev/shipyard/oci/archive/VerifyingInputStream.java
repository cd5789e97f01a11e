package dev.shipyard.oci.archive;

import dev.shipyard.oci.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes a blob while it is read and fails at its end when the digest or size is not the expected one. */
public final class VerifyingInputStream extends FilterInputStream {

    private final Digest expected;
    private final long expectedSize;
    private final MessageDigest sha256 = Digest.newSha256();
    private long count;
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
        if (b < 0) {
            check();
        } else {
            sha256.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            check();
        } else {
            sha256.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        int read = read(buffer, 0, (int) Math.min(buffer.length, n));
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        if (expectedSize >= 0 && count != expectedSize) {
            throw new IOException("blob " + expected + " is corrupt: " + count + " bytes instead of " + expectedSize);
        }
        Digest actual = Digest.ofHash(sha256.digest());
        if (!actual.equals(expected)) {
            throw new IOException("blob " + expected + " is corrupt: its content has digest " + actual);
        }
    }
}
