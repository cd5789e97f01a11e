package dev.shipyard.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.cache.blob.local.LocalBlobStore;
import dev.shipyard.cache.blob.local.LocalConfig;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.MediaTypes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCacheIndexTest {
    private static final CacheKey KEY = new CacheKey(Digest.sha256("key"));

    @TempDir
    Path dir;

    private LocalBlobStore blobs() throws Exception {
        return new LocalBlobStore(new LocalConfig(dir.resolve("blobs"), 1 << 20), new SimpleMeterRegistry());
    }

    @Test
    void lookup_blobPresent_hits() throws Exception {
        LocalBlobStore blobs = blobs();
        byte[] bytes = "layer".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(bytes);
        blobs.put(digest, new ByteArrayInputStream(bytes), bytes.length);
        LocalCacheIndex index = new LocalCacheIndex(dir.resolve("index"));
        CacheRecord record = new CacheRecord(false, digest, Digest.sha256("tar"), bytes.length, MediaTypes.OCI_LAYER_GZIP);
        index.put(KEY, record);
        assertThat(index.lookup(KEY, blobs)).contains(record);
        assertThat(new LocalCacheIndex(dir.resolve("index")).lookup(KEY, blobs)).contains(record);
    }

    @Test
    void lookup_blobGone_misses() throws Exception {
        LocalCacheIndex index = new LocalCacheIndex(dir.resolve("index"));
        index.put(KEY, new CacheRecord(false, Digest.sha256("gone"), Digest.sha256("tar"), 5, MediaTypes.OCI_LAYER_GZIP));
        assertThat(index.lookup(KEY, blobs())).isEmpty();
    }

    @Test
    void lookup_emptyLayer_hitsWithoutBlob() throws Exception {
        LocalCacheIndex index = new LocalCacheIndex(dir.resolve("index"));
        index.put(KEY, CacheRecord.emptyLayer());
        assertThat(index.lookup(KEY, blobs())).contains(CacheRecord.emptyLayer());
    }

    @Test
    void lookup_unknownOrCorrupt_misses() throws Exception {
        LocalCacheIndex index = new LocalCacheIndex(dir.resolve("index"));
        assertThat(index.lookup(KEY, blobs())).isEmpty();
        Files.writeString(dir.resolve("index").resolve(KEY.digest().hex() + ".json"), "{not json");
        assertThat(index.lookup(KEY, blobs())).isEmpty();
    }

    @Test
    void put_leavesNoTemporaryFiles() throws Exception {
        LocalCacheIndex index = new LocalCacheIndex(dir.resolve("index"));
        index.put(KEY, CacheRecord.emptyLayer());
        index.put(KEY, CacheRecord.emptyLayer());
        try (var files = Files.list(dir.resolve("index"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(KEY.digest().hex() + ".json");
        }
    }
}
