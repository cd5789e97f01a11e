package dev.shipyard.cache.index;

import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The farm-wide map from cache key to the layer a step produced, scoped by namespace.
 *
 * <p>A lookup answers a hit only when the record's blob is still stored; a record whose blob is gone is
 * removed and answered as a miss. Store failures surface as {@link java.io.UncheckedIOException}.
 */
public interface CacheIndex {

    /** The record for {@code key}, counted as a hit (use time and hit count updated), or empty on a miss. */
    Optional<LayerRecord> lookup(CacheNamespace namespace, CacheKey key);

    /**
     * Like {@link #lookup}, for a caller that already counted a miss for this key and is looking again (a waiter
     * woken up, a claimer that just won): a hit counts, another miss does not.
     */
    Optional<LayerRecord> lookAgain(CacheNamespace namespace, CacheKey key);

    /**
     * Files {@code record} under {@code key}; call it only once the blob is durable. Idempotent: when a record
     * is already filed it is kept and returned, so every publisher of a key sees the same record.
     *
     * <p>Publishing and {@link #deleteIfUnreferenced} of the same blob exclude each other, so garbage collection
     * never deletes a blob that a fresh record points to.
     *
     * @throws BlobGoneException when the blob is not stored (collected meanwhile): upload it again
     */
    LayerRecord publish(CacheNamespace namespace, CacheKey key, LayerRecord record);

    /**
     * Runs {@code delete} for {@code blob} unless a record points to it, excluding concurrent publishes of records
     * for that blob while it runs.
     *
     * @return whether {@code delete} ran
     */
    boolean deleteIfUnreferenced(Digest blob, BlobDeletion delete) throws java.io.IOException;

    /** Deletes one blob from its store. */
    @FunctionalInterface
    interface BlobDeletion {
        void run() throws java.io.IOException;
    }

    /** Every record, for garbage collection; not a consistent snapshot. */
    Stream<IndexEntry> entries();

    /**
     * Removes {@code entry}'s record unless it changed since it was read: a record pointing to another blob,
     * or used after {@code entry.record().lastUsed()}, stays.
     *
     * @return whether a record was removed
     */
    boolean removeIfUnchanged(IndexEntry entry);

    /** Those of {@code blobs} that some record points to now. */
    Set<Digest> referencing(Set<Digest> blobs);
}
