package dev.shipyard.cache.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What every {@link BlobStore} must do; each implementation's test extends this. */
public abstract class BlobStoreContract {

    /** The store under test, empty at the start of each test. */
    protected abstract BlobStore store();

    /** Replaces the stored bytes of {@code digest} behind the store's back. */
    protected abstract void corrupt(Digest digest, byte[] bytes) throws IOException;

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static byte[] readAll(BlobStore store, Digest digest) throws IOException {
        try (InputStream in = store.open(digest)) {
            return in.readAllBytes();
        }
    }

    protected static Digest put(BlobStore store, byte[] bytes) throws IOException {
        Digest digest = Digest.sha256(bytes);
        store.put(digest, new ByteArrayInputStream(bytes), bytes.length);
        return digest;
    }

    @Test
    void put_thenOpen_returnsTheSameBytes() throws IOException {
        byte[] bytes = randomBytes(10_000, 1);
        Digest digest = put(store(), bytes);

        assertThat(readAll(store(), digest)).isEqualTo(bytes);
    }

    @Test
    void put_returnsInfoAndStatAgrees() throws IOException {
        byte[] bytes = randomBytes(4321, 2);
        Digest digest = Digest.sha256(bytes);

        BlobInfo info = store().put(digest, new ByteArrayInputStream(bytes), -1);

        assertThat(info.digest()).isEqualTo(digest);
        assertThat(info.size()).isEqualTo(4321);
        assertThat(store().has(digest)).isTrue();
        assertThat(store().stat(digest)).hasValueSatisfying(s -> assertThat(s.size()).isEqualTo(4321));
    }

    @Test
    void put_emptyBlob_roundTrips() throws IOException {
        Digest digest = put(store(), new byte[0]);

        assertThat(store().stat(digest)).hasValueSatisfying(s -> assertThat(s.size()).isZero());
        assertThat(readAll(store(), digest)).isEmpty();
    }

    @Test
    void missingBlob_isNotFoundEverywhere() throws IOException {
        Digest missing = Digest.sha256("never stored");

        assertThat(store().has(missing)).isFalse();
        assertThat(store().stat(missing)).isEmpty();
        assertThatThrownBy(() -> store().open(missing)).isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void put_wrongDigest_isRejectedAndInvisible() throws IOException {
        byte[] bytes = randomBytes(2048, 3);
        Digest claimed = Digest.sha256("something else");

        assertThatThrownBy(() -> store().put(claimed, new ByteArrayInputStream(bytes), bytes.length))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(claimed.toString())
                .hasMessageContaining(Digest.sha256(bytes).toString());
        assertThat(store().has(claimed)).isFalse();
        assertThat(store().has(Digest.sha256(bytes))).isFalse();
        try (Stream<BlobInfo> all = store().list()) {
            assertThat(all).isEmpty();
        }
    }

    @Test
    void delete_removesTheBlob_andDeletingAgainIsFine() throws IOException {
        Digest digest = put(store(), randomBytes(100, 4));

        store().delete(digest);
        store().delete(digest);

        assertThat(store().has(digest)).isFalse();
        assertThatThrownBy(() -> store().open(digest)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void list_returnsEveryStoredBlobWithItsSize() throws IOException {
        Digest a = put(store(), randomBytes(10, 5));
        Digest b = put(store(), randomBytes(20, 6));
        Digest c = put(store(), randomBytes(30, 7));

        try (Stream<BlobInfo> all = store().list()) {
            assertThat(all.collect(Collectors.toMap(BlobInfo::digest, BlobInfo::size)))
                    .containsOnly(org.assertj.core.api.Assertions.entry(a, 10L),
                            org.assertj.core.api.Assertions.entry(b, 20L),
                            org.assertj.core.api.Assertions.entry(c, 30L));
        }
    }

    @Test
    void put_sameBlobConcurrently_storesItOnceIntact() throws Exception {
        byte[] bytes = randomBytes(3 << 20, 8);
        Digest digest = Digest.sha256(bytes);
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<BlobInfo>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Callable<BlobInfo> writer = () -> {
                    start.await();
                    return store().put(digest, new ByteArrayInputStream(bytes), bytes.length);
                };
                results.add(pool.submit(writer));
            }
            start.countDown();
            for (Future<BlobInfo> result : results) {
                assertThat(result.get(120, TimeUnit.SECONDS).size()).isEqualTo(bytes.length);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(readAll(store(), digest)).isEqualTo(bytes);
        try (Stream<BlobInfo> all = store().list()) {
            assertThat(all.map(BlobInfo::digest)).containsExactly(digest);
        }
    }

    @Test
    void put_severalMegabytes_streamsAndRoundTrips() throws IOException {
        byte[] bytes = randomBytes((12 << 20) + 12345, 9);
        Digest digest = put(store(), bytes);

        assertThat(store().stat(digest)).hasValueSatisfying(s -> assertThat(s.size()).isEqualTo(bytes.length));
        assertThat(Digest.ofHash(Digest.newSha256().digest(readAll(store(), digest)))).isEqualTo(digest);
    }

    @Test
    void open_blobCorruptedInStorage_failsAtTheEndAndThenMisses() throws IOException {
        byte[] bytes = randomBytes(50_000, 10);
        Digest digest = put(store(), bytes);
        byte[] altered = bytes.clone();
        altered[25_000] ^= 0x01;
        corrupt(digest, altered);

        assertThatThrownBy(() -> readAll(store(), digest)).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(digest.toString());
        assertThat(store().has(digest)).isFalse();
        assertThatThrownBy(() -> store().open(digest)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void open_blobTruncatedInStorage_failsAndThenMisses() throws IOException {
        byte[] bytes = randomBytes(50_000, 11);
        Digest digest = put(store(), bytes);
        corrupt(digest, java.util.Arrays.copyOf(bytes, 30_000));

        assertThatThrownBy(() -> readAll(store(), digest)).isInstanceOf(DigestMismatchException.class);
        assertThat(store().has(digest)).isFalse();
    }
}
