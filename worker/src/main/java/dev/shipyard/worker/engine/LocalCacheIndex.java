package dev.shipyard.worker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cachekey.CacheKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache index of one machine: one small JSON file per cache key, written atomically (temp file and rename),
 * so a crash leaves either no record or a complete one.
 */
public final class LocalCacheIndex {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCacheIndex.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public LocalCacheIndex(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** The record of {@code key}, only when its blob is still in {@code blobs}. */
    public Optional<CacheRecord> lookup(CacheKey key, BlobStore blobs) throws IOException {
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        CacheRecord record;
        try {
            record = JSON.readValue(bytes, CacheRecord.class);
        } catch (IOException e) {
            LOG.warn("ignoring unreadable cache record {}: {}", file, e.getMessage());
            return Optional.empty();
        }
        if (!record.empty() && !blobs.has(record.digest())) {
            return Optional.empty();
        }
        return Optional.of(record);
    }

    /** Records what {@code key} produced; the last writer wins, and all writers of a key write the same. */
    public void put(CacheKey key, CacheRecord record) throws IOException {
        Path temp = dir.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.write(temp, JSON.writeValueAsBytes(record));
            Files.move(temp, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path file(CacheKey key) {
        return dir.resolve(key.digest().hex() + ".json");
    }
}
