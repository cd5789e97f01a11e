package dev.shipyard.cache.index.hazelcast;

import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.oci.Digest;
import java.io.Serializable;
import java.time.Instant;

/** The form of a {@link LayerRecord} inside the index map: strings and numbers only. */
record StoredLayer(String digest, String diffId, long size, String mediaType, long createdMillis, long lastUsedMillis,
                   long hitCount) implements Serializable {

    static StoredLayer of(LayerRecord r) {
        return new StoredLayer(r.digest().toString(), r.diffId().toString(), r.size(), r.mediaType(),
                r.created().toEpochMilli(), r.lastUsed().toEpochMilli(), r.hitCount());
    }

    LayerRecord toRecord() {
        return new LayerRecord(Digest.parse(digest), Digest.parse(diffId), size, mediaType,
                Instant.ofEpochMilli(createdMillis), Instant.ofEpochMilli(lastUsedMillis), hitCount);
    }

    StoredLayer touched(long nowMillis) {
        return new StoredLayer(digest, diffId, size, mediaType, createdMillis, Math.max(lastUsedMillis, nowMillis),
                hitCount + 1);
    }
}
