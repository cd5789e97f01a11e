package dev.shipyard.worker.engine;

import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** A layer whose blob lives in a {@link BlobStore}. */
public record StoredLayer(Digest digest, Digest diffId, long size, String mediaType, BlobStore blobs)
        implements Layer {

    public StoredLayer {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    static StoredLayer of(Descriptor descriptor, Digest diffId, BlobStore blobs) {
        return new StoredLayer(descriptor.digest(), diffId, descriptor.size(), descriptor.mediaType(), blobs);
    }

    static StoredLayer of(CacheRecord record, BlobStore blobs) {
        return new StoredLayer(record.digest(), record.diffId(), record.size(), record.mediaType(), blobs);
    }

    @Override
    public InputStream open() throws IOException {
        return blobs.open(digest);
    }
}
