package dev.shipyard.cache.blob;

import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A content-addressed store of blobs (layers, configs, manifests), keyed by their digest.
 *
 * <p>Every implementation verifies digests: {@link #put} makes a blob visible only once its bytes hash to
 * the expected digest, and the stream {@link #open} returns fails at its end when the stored bytes no
 * longer match (the blob is then removed and later lookups miss).
 */
public interface BlobStore {

    /** Whether the blob is stored. */
    boolean has(Digest digest) throws IOException;

    /** The blob's size and modification time, or empty when it is not stored. */
    Optional<BlobInfo> stat(Digest digest) throws IOException;

    /**
     * Opens the blob for reading.
     *
     * @throws BlobNotFoundException when it is not stored
     */
    InputStream open(Digest digest) throws IOException;

    /**
     * Stores the bytes of {@code content} as the blob {@code expected}, streaming (never holding it whole).
     * Nothing becomes visible unless the bytes hash to {@code expected}.
     *
     * @param size the content length when known, or -1
     * @throws DigestMismatchException when the bytes do not match
     */
    BlobInfo put(Digest expected, InputStream content, long size) throws IOException;

    /** Removes the blob; removing a missing blob is not an error. */
    void delete(Digest digest) throws IOException;

    /** Every stored blob, for garbage collection. The caller closes the stream. */
    Stream<BlobInfo> list() throws IOException;
}
