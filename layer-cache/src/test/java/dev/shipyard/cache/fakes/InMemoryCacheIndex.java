package dev.shipyard.cache.fakes;

import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.index.CacheIndex;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.IndexEntry;
import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A cache index in a map, with the same answers as the real one but no cluster. */
public final class InMemoryCacheIndex implements CacheIndex {
    private final Map<String, IndexEntry> entries = new ConcurrentHashMap<>();
    private final BlobStore blobs;
    private final Clock clock;

    public InMemoryCacheIndex(BlobStore blobs, Clock clock) {
        this.blobs = blobs;
        this.clock = clock;
    }

    @Override
    public Optional<LayerRecord> lookup(CacheNamespace namespace, CacheKey key) {
        IndexEntry e = entries.computeIfPresent(namespace + "/" + key,
                (k, v) -> new IndexEntry(namespace, key, v.record().touched(clock.instant())));
        try {
            if (e == null || !blobs.has(e.record().digest())) {
                return Optional.empty();
            }
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return Optional.of(e.record());
    }

    @Override
    public Optional<LayerRecord> lookAgain(CacheNamespace namespace, CacheKey key) {
        return lookup(namespace, key);
    }

    @Override
    public synchronized LayerRecord publish(CacheNamespace namespace, CacheKey key, LayerRecord record) {
        try {
            if (!blobs.has(record.digest())) {
                throw new dev.shipyard.cache.index.BlobGoneException(record.digest());
            }
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return entries.computeIfAbsent(namespace + "/" + key, k -> new IndexEntry(namespace, key, record)).record();
    }

    @Override
    public synchronized boolean deleteIfUnreferenced(Digest blob, BlobDeletion delete) throws IOException {
        if (!referencing(Set.of(blob)).isEmpty()) {
            return false;
        }
        delete.run();
        return true;
    }

    @Override
    public Stream<IndexEntry> entries() {
        return entries.values().stream();
    }

    @Override
    public boolean removeIfUnchanged(IndexEntry entry) {
        return entries.remove(entry.namespace() + "/" + entry.key(), entry);
    }

    @Override
    public Set<Digest> referencing(Set<Digest> blobDigests) {
        return entries.values().stream().map(e -> e.record().digest()).filter(blobDigests::contains)
                .collect(Collectors.toSet());
    }
}
