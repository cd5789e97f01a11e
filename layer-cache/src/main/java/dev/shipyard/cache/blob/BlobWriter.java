package dev.shipyard.cache.blob;

import java.io.IOException;
import java.io.OutputStream;

/** A blob being written: invisible until {@link #commit()} verifies it; {@link #close()} without commit discards it. */
public abstract class BlobWriter extends OutputStream {

    /** Verifies the bytes written against the expected digest and makes the blob visible. */
    public abstract BlobInfo commit() throws IOException;
}
