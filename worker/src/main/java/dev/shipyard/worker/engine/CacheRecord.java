package dev.shipyard.worker.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shipyard.oci.Digest;

/**
 * What a cached step produced: a layer, or nothing at all ({@code empty}, e.g. a RUN that changed no file).
 *
 * @param empty true when the step left no change and adds no layer
 * @param digest the compressed blob's digest, null when empty
 * @param diffId the uncompressed tar's digest, null when empty
 * @param size the compressed size in bytes
 * @param mediaType the layer media type, null when empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheRecord(boolean empty, Digest digest, Digest diffId, long size, String mediaType) {

    public static CacheRecord emptyLayer() {
        return new CacheRecord(true, null, null, 0, null);
    }

    public static CacheRecord of(StoredLayer layer) {
        return new CacheRecord(false, layer.digest(), layer.diffId(), layer.size(), layer.mediaType());
    }
}
