package dev.shipyard.cache.blob;

import dev.shipyard.oci.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Passes bytes through while hashing and counting them, so one read yields the content, its digest and its size. */
public class DigestingInputStream extends FilterInputStream {
    private final MessageDigest sha256 = Digest.newSha256();
    private long count;
    private Digest digest;

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha256.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
            sha256.update(buf, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes must still be hashed, so skipping reads them
        return readNBytes((int) Math.min(n, Integer.MAX_VALUE)).length;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would hash bytes twice
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("could not reset a digesting stream: mark is not supported");
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    /** The digest of every byte read; call once the stream is exhausted (later reads are not counted). */
    public Digest digest() {
        if (digest == null) {
            digest = Digest.ofHash(sha256.digest());
        }
        return digest;
    }
}
