package dev.shipyard.cache.index;

import dev.shipyard.cachekey.CacheKey;
import java.util.Objects;

/** One record of the index together with where it is filed. */
public record IndexEntry(CacheNamespace namespace, CacheKey key, LayerRecord record) {
    public IndexEntry {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(record, "record");
    }
}
