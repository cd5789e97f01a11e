package dev.shipyard.cache.index.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.index.BlobGoneException;
import dev.shipyard.cache.index.CacheIndex;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.IndexEntry;
import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cache index in a Hazelcast map {@value #MAP}, keyed {@code <namespace>/<cache key>}. */
public final class HazelcastCacheIndex implements CacheIndex {
    public static final String MAP = "shipyard.cache.index";
    /** Per-blob locks that make a publish and a collection of the same blob exclude each other. */
    public static final String BLOB_LOCKS = "shipyard.cache.blob-locks";
    private static final long LOCK_LEASE_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastCacheIndex.class);

    private final IMap<String, StoredLayer> records;
    private final IMap<String, Boolean> blobLocks;
    private final BlobStore blobs;
    private final Clock clock;
    private final CacheMetrics metrics;

    public HazelcastCacheIndex(HazelcastInstance hazelcast, BlobStore blobs, Clock clock, CacheMetrics metrics) {
        this.records = hazelcast.getMap(MAP);
        this.blobLocks = hazelcast.getMap(BLOB_LOCKS);
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The key under which {@code key} of {@code namespace} is stored in {@value #MAP}, to learn its partition. */
    public static String mapKey(CacheNamespace namespace, CacheKey key) {
        return Keys.of(namespace, key);
    }

    @Override
    public Optional<LayerRecord> lookup(CacheNamespace namespace, CacheKey key) {
        Optional<LayerRecord> found = lookAgain(namespace, key);
        if (found.isEmpty()) {
            metrics.miss(namespace);
        }
        return found;
    }

    @Override
    public Optional<LayerRecord> lookAgain(CacheNamespace namespace, CacheKey key) {
        String mapKey = Keys.of(namespace, key);
        StoredLayer stored = records.executeOnKey(mapKey, new IndexProcessors.Touch(clock.millis()));
        if (stored == null) {
            return Optional.empty();
        }
        LayerRecord record = stored.toRecord();
        if (!blobExists(record.digest())) {
            records.executeOnKey(mapKey, new IndexProcessors.RemoveIfDigest(stored.digest()));
            LOG.warn("cache record {} pointed to blob {} which is gone; removed the record", mapKey, record.digest());
            return Optional.empty();
        }
        metrics.hit(namespace);
        return Optional.of(record);
    }

    @Override
    public LayerRecord publish(CacheNamespace namespace, CacheKey key, LayerRecord record) {
        String lock = record.digest().toString();
        blobLocks.lock(lock, LOCK_LEASE_SECONDS, TimeUnit.SECONDS);
        try {
            if (!blobExists(record.digest())) {
                throw new BlobGoneException(record.digest());
            }
            StoredLayer previous = records.putIfAbsent(Keys.of(namespace, key), StoredLayer.of(record));
            return previous == null ? record : previous.toRecord();
        } finally {
            blobLocks.unlock(lock);
        }
    }

    @Override
    public boolean deleteIfUnreferenced(Digest blob, BlobDeletion delete) throws IOException {
        String lock = blob.toString();
        blobLocks.lock(lock, LOCK_LEASE_SECONDS, TimeUnit.SECONDS);
        try {
            if (!referencing(Set.of(blob)).isEmpty()) {
                return false;
            }
            delete.run();
            return true;
        } finally {
            blobLocks.unlock(lock);
        }
    }

    @Override
    public Stream<IndexEntry> entries() {
        return records.entrySet().stream()
                .map(e -> new IndexEntry(Keys.namespace(e.getKey()), Keys.key(e.getKey()), e.getValue().toRecord()));
    }

    @Override
    public boolean removeIfUnchanged(IndexEntry entry) {
        LayerRecord r = entry.record();
        return records.executeOnKey(Keys.of(entry.namespace(), entry.key()),
                new IndexProcessors.RemoveIfUnchanged(r.digest().toString(), r.lastUsed().toEpochMilli()));
    }

    @Override
    public Set<Digest> referencing(Set<Digest> blobDigests) {
        if (blobDigests.isEmpty()) {
            return Set.of();
        }
        Set<String> wanted = blobDigests.stream().map(Digest::toString).collect(Collectors.toCollection(HashSet::new));
        return records.values(new IndexProcessors.PointsToAny(wanted)).stream()
                .map(s -> Digest.parse(s.digest()))
                .collect(Collectors.toSet());
    }

    private boolean blobExists(Digest digest) {
        try {
            return blobs.has(digest);
        } catch (IOException e) {
            throw new UncheckedIOException("could not check that blob " + digest + " is still stored: " + e.getMessage(), e);
        }
    }
}
