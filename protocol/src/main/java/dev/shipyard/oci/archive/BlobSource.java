package dev.shipyard.oci.archive;

import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.InputStream;

/** Opens a blob by digest, as a new stream each time; the caller closes it. */
@FunctionalInterface
public interface BlobSource {

    /** Opens {@code digest}; throws {@link java.io.FileNotFoundException} or another {@link IOException} when it cannot. */
    InputStream open(Digest digest) throws IOException;
}
