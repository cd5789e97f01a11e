package dev.shipyard.cache.blob;

import dev.shipyard.oci.Digest;
import java.io.IOException;

/** A store that also takes a blob as an output stream, so a reader of another store can fill it on the way. */
public interface StagingBlobStore extends BlobStore {

    /**
     * Starts writing the blob {@code expected}.
     *
     * @param size the expected length, or -1
     */
    BlobWriter stage(Digest expected, long size) throws IOException;
}
