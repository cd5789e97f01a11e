package dev.shipyard.cache.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.blob.BlobStoreContract;
import dev.shipyard.cache.embedded.EmbeddedS3;
import dev.shipyard.oci.Digest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real S3 endpoint (S3Proxy in this JVM), through the MinIO SDK. */
class S3BlobStoreIT extends BlobStoreContract {
    @TempDir
    static Path dataDir;
    static EmbeddedS3 s3;
    static MinioClient raw;

    private S3BlobStore store;
    private SimpleMeterRegistry registry;

    @BeforeAll
    static void startS3() throws IOException {
        s3 = EmbeddedS3.start(dataDir);
        raw = MinioClient.builder().endpoint(s3.endpoint().toString())
                .credentials(s3.accessKey(), s3.secretKey()).build();
    }

    @AfterAll
    static void stopS3() throws IOException {
        s3.close();
    }

    @BeforeEach
    void connect() throws IOException {
        registry = new SimpleMeterRegistry();
        // a fresh prefix per test keeps list() to this test's blobs; 5 MiB parts make multipart uploads cheap
        S3Config config = S3Config.local(s3.endpoint()).withPrefix("t-" + UUID.randomUUID() + "/").withPartSize(5L << 20);
        store = S3BlobStore.connect(config, registry);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected void corrupt(Digest digest, byte[] bytes) throws IOException {
        try {
            raw.putObject(PutObjectArgs.builder().bucket(store.config().bucket()).object(store.keyOf(digest))
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
        } catch (Exception e) {
            throw new IOException("could not alter the object in the bucket: " + e, e);
        }
    }

    private List<String> keysUnder(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : raw.listObjects(ListObjectsArgs.builder().bucket(store.config().bucket())
                .prefix(prefix).recursive(true).build())) {
            String key = item.get().objectName();
            // S3Proxy's filesystem backend lists its directories as keys ending in '/'; they hold no blob
            if (!key.endsWith("/")) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Test
    void put_multipart_leavesOnlyTheFinalKey() throws Exception {
        byte[] bytes = randomBytes((11 << 20) + 7, 40);

        Digest digest = put(store, bytes);

        assertThat(keysUnder(store.config().prefix())).containsExactly(store.keyOf(digest));
        assertThat(registry.get("shipyard.blob.bytes.up").counter().count()).isEqualTo(bytes.length);
    }

    @Test
    void put_wrongDigest_leavesNoObjectAtAll() throws Exception {
        byte[] bytes = randomBytes((6 << 20) + 1, 41);

        try {
            store.put(Digest.sha256("other"), new ByteArrayInputStream(bytes), bytes.length);
        } catch (IOException expected) {
            // the rejection itself is covered by the contract
        }

        assertThat(keysUnder(store.config().prefix())).isEmpty();
    }

    @Test
    void connect_missingBucket_createsIt() throws Exception {
        String bucket = "fresh-" + UUID.randomUUID().toString().substring(0, 8);

        try (S3BlobStore fresh = S3BlobStore.connect(S3Config.local(s3.endpoint()).withBucket(bucket), registry)) {
            Digest digest = put(fresh, randomBytes(10, 42));
            assertThat(fresh.has(digest)).isTrue();
        }
        assertThat(raw.bucketExists(io.minio.BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
    }

    @Test
    void open_objectAlteredInBucket_countsCorruptAndMiss() throws Exception {
        Digest digest = put(store, randomBytes(1000, 43));
        corrupt(digest, randomBytes(1000, 44));

        try {
            readAll(store, digest);
        } catch (IOException expected) {
            // counted below
        }

        assertThat(registry.get("shipyard.blob.corrupt").counter().count()).isEqualTo(1);
        assertThat(registry.get("shipyard.blob.gets").tag("result", "miss").counter().count()).isEqualTo(1);
        assertThat(keysUnder(store.config().prefix())).isEmpty();
    }
    @Test
    void removeStaleUploads_removesOnlyOldLeftovers() throws Exception {
        String leftover = store.config().prefix() + "uploads/left-by-a-crash";
        raw.putObject(PutObjectArgs.builder().bucket(store.config().bucket()).object(leftover)
                .stream(new ByteArrayInputStream(new byte[10]), 10, -1).build());
        Digest kept = put(store, randomBytes(10, 45));

        int removedYoung = store.removeStaleUploads(java.time.Duration.ofHours(1));
        assertThat(keysUnder(store.config().prefix())).contains(leftover);
        int removedOld = store.removeStaleUploads(java.time.Duration.ZERO.minusSeconds(5));

        assertThat(removedYoung).isZero();
        assertThat(removedOld).isGreaterThanOrEqualTo(1);
        assertThat(keysUnder(store.config().prefix())).containsExactly(store.keyOf(kept));
    }
}
