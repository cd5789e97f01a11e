package dev.shipyard.oci;

import java.io.IOException;
import java.io.InputStream;

/**
 * One image layer: a (usually compressed) tar blob known by its digest, and its uncompressed diffID.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">OCI layer</a>
 */
public interface Layer {

    /** Digest of the blob as stored (compressed bytes). */
    Digest digest();

    /** Digest of the uncompressed tar, as listed in the image config's {@code rootfs.diff_ids}. */
    Digest diffId();

    /** Size of the blob as stored, in bytes. */
    long size();

    String mediaType();

    /** Opens the blob from its start; may be called again, e.g. to retry an upload. */
    InputStream open() throws IOException;

    default Descriptor descriptor() {
        return new Descriptor(mediaType(), digest(), size());
    }
}
