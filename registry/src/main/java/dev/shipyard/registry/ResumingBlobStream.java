package dev.shipyard.registry;

import dev.shipyard.cache.blob.DigestMismatchException;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blob download that hashes as it streams, picks up where a broken or truncated connection stopped (the
 * opener asks for the rest with a {@code Range} request) and fails at its end unless the bytes hash to the
 * descriptor's digest, so a store fed from it never keeps corrupt content.
 */
final class ResumingBlobStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ResumingBlobStream.class);

    /** Opens the blob from {@code offset} on. */
    @FunctionalInterface
    interface Opener {
        InputStream open(long offset) throws IOException;
    }

    private final Descriptor blob;
    private final String where;
    private final Opener opener;
    private final int maxResumes;
    private final MessageDigest sha256 = Digest.newSha256();
    private InputStream current;
    private long received;
    private int resumes;
    private boolean verified;

    ResumingBlobStream(Descriptor blob, String where, Opener opener, int maxResumes) throws IOException {
        this.blob = blob;
        this.where = where;
        this.opener = opener;
        this.maxResumes = maxResumes;
        this.current = opener.open(0);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!verified) {
            int n;
            try {
                n = current.read(buffer, offset, length);
            } catch (IOException e) {
                resume(e);
                continue;
            }
            if (n > 0) {
                return accept(buffer, offset, n);
            }
            if (n < 0 && received < blob.size()) {
                resume(new EOFException("the connection ended after " + received + " of " + blob.size() + " bytes"));
                continue;
            }
            if (n < 0) {
                verify();
            }
        }
        return -1;
    }

    private int accept(byte[] buffer, int offset, int n) throws IOException {
        received += n;
        if (received > blob.size()) {
            throw new DigestMismatchException(blob.digest(), Digest.ofHash(sha256.digest()),
                    where + " (more than the " + blob.size() + " bytes the descriptor announces)");
        }
        sha256.update(buffer, offset, n);
        return n;
    }

    private void verify() throws IOException {
        Digest actual = Digest.ofHash(sha256.digest());
        if (!actual.equals(blob.digest())) {
            throw new DigestMismatchException(blob.digest(), actual, where);
        }
        verified = true;
    }

    private void resume(IOException cause) throws IOException {
        closeCurrent();
        if (++resumes > maxResumes) {
            throw new RetriableRegistryException("could not download blob " + blob.digest() + " from " + where
                    + ": gave up after " + maxResumes + " resumed attempts at byte " + received + " of " + blob.size(), cause);
        }
        LOG.info("download of {} from {} broke at byte {} of {} ({}); resuming", blob.digest().shortHex(), where,
                received, blob.size(), cause.getMessage());
        current = opener.open(received);
    }

    private void closeCurrent() {
        try {
            current.close();
        } catch (IOException e) {
            LOG.debug("closing a broken download of {} failed: {}", blob.digest().shortHex(), e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
