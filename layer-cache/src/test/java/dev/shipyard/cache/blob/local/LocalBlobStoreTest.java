package dev.shipyard.cache.blob.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.blob.BlobStoreContract;
import dev.shipyard.oci.Digest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest extends BlobStoreContract {
    private static final int MB = 1 << 20;

    @TempDir
    Path dir;
    private SimpleMeterRegistry registry;
    private LocalBlobStore store;

    @BeforeEach
    void open() throws IOException {
        registry = new SimpleMeterRegistry();
        store = new LocalBlobStore(new LocalConfig(dir, 1L << 30), registry);
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected void corrupt(Digest digest, byte[] bytes) throws IOException {
        Files.write(store.pathOf(digest), bytes);
    }

    @Test
    void put_layout_isShaDirectoryWithoutLeftovers() throws IOException {
        Digest digest = put(store, randomBytes(100, 20));

        try (Stream<Path> files = Files.list(dir.resolve("sha256"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(digest.hex());
        }
    }

    @Test
    void put_overBudget_evictsTheLeastRecentlyUsed() throws IOException {
        LocalBlobStore small = new LocalBlobStore(new LocalConfig(dir.resolve("small"), 3L * MB), registry);
        Digest a = put(small, randomBytes(MB, 21));
        Digest b = put(small, randomBytes(MB, 22));
        Digest c = put(small, randomBytes(MB, 23));
        readAll(small, a);

        Digest d = put(small, randomBytes(MB, 24));

        assertThat(small.has(b)).as("least recently used").isFalse();
        assertThat(small.has(a)).isTrue();
        assertThat(small.has(c)).isTrue();
        assertThat(small.has(d)).isTrue();
        assertThat(small.usedBytes()).isEqualTo(3L * MB);
    }

    @Test
    void put_overBudget_neverEvictsABlobOpenForReading() throws IOException {
        LocalBlobStore small = new LocalBlobStore(new LocalConfig(dir.resolve("small"), 2L * MB), registry);
        byte[] oldest = randomBytes(MB, 25);
        Digest a = put(small, oldest);
        try (InputStream reading = small.open(a)) {
            reading.readNBytes(1000);
            Digest b = put(small, randomBytes(MB, 26));
            Digest c = put(small, randomBytes(MB, 27));

            assertThat(small.has(a)).as("open for reading").isTrue();
            assertThat(small.has(b)).isFalse();
            assertThat(small.has(c)).isTrue();
            assertThat(reading.readAllBytes()).hasSize(MB - 1000);
        }
        Digest e = put(small, randomBytes(MB, 28));

        assertThat(small.has(a)).as("closed and least recently used").isFalse();
        assertThat(small.has(e)).isTrue();
    }

    @Test
    void reopen_existingDirectory_findsBlobsAndDropsPartialWrites() throws IOException {
        Digest digest = put(store, randomBytes(500, 29));
        Path partial = dir.resolve("sha256").resolve("." + digest.hex() + ".dead.partial");
        Files.write(partial, new byte[10]);

        LocalBlobStore reopened = new LocalBlobStore(new LocalConfig(dir, 1L << 30), new SimpleMeterRegistry());

        assertThat(reopened.usedBytes()).isEqualTo(500);
        assertThat(readAll(reopened, digest)).hasSize(500);
        assertThat(partial).doesNotExist();
    }

    @Test
    void metrics_countHitsMissesBytesAndCorruption() throws IOException {
        byte[] bytes = randomBytes(1000, 30);
        Digest digest = put(store, bytes);
        readAll(store, digest);
        corrupt(digest, new byte[1000]);
        try {
            readAll(store, digest);
        } catch (IOException expected) {
            // the corruption is what this test counts
        }
        try {
            store.open(digest);
        } catch (IOException expected) {
            // a miss after the corrupt copy was removed
        }

        assertThat(registry.get("shipyard.blob.gets").tag("result", "hit").counter().count()).isEqualTo(2);
        assertThat(registry.get("shipyard.blob.gets").tag("result", "miss").counter().count()).isEqualTo(2);
        assertThat(registry.get("shipyard.blob.corrupt").counter().count()).isEqualTo(1);
        assertThat(registry.get("shipyard.blob.bytes.up").counter().count()).isEqualTo(1000);
        assertThat(registry.get("shipyard.blob.bytes.down").counter().count()).isEqualTo(2000);
    }

    @Test
    void put_alreadyStored_doesNotRewrite() throws IOException {
        byte[] bytes = randomBytes(100, 31);
        Digest digest = put(store, bytes);
        long modified = Files.getLastModifiedTime(store.pathOf(digest)).toMillis();

        store.put(digest, new ByteArrayInputStream(bytes), bytes.length);

        assertThat(Files.getLastModifiedTime(store.pathOf(digest)).toMillis()).isEqualTo(modified);
    }
}
