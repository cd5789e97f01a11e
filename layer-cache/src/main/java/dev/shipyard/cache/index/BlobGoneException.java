package dev.shipyard.cache.index;

import dev.shipyard.oci.Digest;

/** A record could not be published because its blob is no longer stored (garbage collected meanwhile). */
public class BlobGoneException extends IllegalStateException {
    private final transient Digest digest;

    public BlobGoneException(Digest digest) {
        super("could not publish cache record: blob " + digest + " is not stored (collected meanwhile); "
                + "upload it again and publish again");
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
