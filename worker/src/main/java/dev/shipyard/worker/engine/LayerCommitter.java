package dev.shipyard.worker.engine;

import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.worker.layer.FileLayer;
import dev.shipyard.worker.layer.LayerOptions;
import dev.shipyard.worker.layer.LayerWriter;
import dev.shipyard.worker.snapshot.ActiveMount;
import dev.shipyard.worker.snapshot.SnapshotStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Turns a step's upper directory into its result: an OCI layer in the blob store, the snapshot for later steps,
 * and the cache record, in that order so that a record never points at a missing blob.
 */
final class LayerCommitter {
    private final SnapshotStore snapshots;
    private final BlobStore blobs;
    private final LocalCacheIndex index;
    private final Path tmp;

    LayerCommitter(SnapshotStore snapshots, BlobStore blobs, LocalCacheIndex index, Path tmp) {
        this.snapshots = snapshots;
        this.blobs = blobs;
        this.index = index;
        this.tmp = tmp;
    }

    /** Commits the mount's changes and records them under {@code key}. */
    CacheRecord commit(ActiveMount mount, CacheKey key, LayerOptions options) throws IOException {
        snapshots.unmount(mount);
        CacheRecord record;
        if (isEmpty(mount.upper())) {
            snapshots.abort(mount);
            record = CacheRecord.emptyLayer();
        } else {
            Path file = tmp.resolve("layer-" + UUID.randomUUID());
            try {
                FileLayer layer = new LayerWriter(options).writeDiff(mount.upper(), file);
                try (InputStream in = Files.newInputStream(file)) {
                    blobs.put(layer.digest(), in, layer.size());
                }
                snapshots.commit(mount, layer.diffId());
                record = new CacheRecord(false, layer.digest(), layer.diffId(), layer.size(), layer.mediaType());
            } catch (IOException | RuntimeException e) {
                snapshots.abort(mount);
                throw e;
            } finally {
                Files.deleteIfExists(file);
            }
        }
        index.put(key, record);
        return record;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
