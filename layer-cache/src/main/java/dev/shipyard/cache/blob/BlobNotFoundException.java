package dev.shipyard.cache.blob;

import dev.shipyard.oci.Digest;
import java.io.FileNotFoundException;

/** The store does not hold the blob. */
public class BlobNotFoundException extends FileNotFoundException {
    private final transient Digest digest;

    public BlobNotFoundException(Digest digest, String where) {
        super("blob " + digest + " not found in " + where);
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
