package dev.shipyard.cache.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.cache.blob.local.LocalBlobStore;
import dev.shipyard.cache.blob.local.LocalConfig;
import dev.shipyard.cache.blob.s3.S3BlobStore;
import dev.shipyard.cache.blob.s3.S3Config;
import dev.shipyard.cache.embedded.EmbeddedS3;
import dev.shipyard.oci.Digest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract for a local disk tier in front of a real S3 endpoint. */
class TieredBlobStoreIT extends BlobStoreContract {
    @TempDir
    static Path s3Dir;
    static EmbeddedS3 s3;

    @TempDir
    Path localDir;
    private LocalBlobStore local;
    private S3BlobStore remote;
    private TieredBlobStore store;

    @BeforeAll
    static void startS3() throws IOException {
        s3 = EmbeddedS3.start(s3Dir);
    }

    @AfterAll
    static void stopS3() throws IOException {
        s3.close();
    }

    @BeforeEach
    void connect() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        local = new LocalBlobStore(new LocalConfig(localDir, 1L << 30), registry);
        remote = S3BlobStore.connect(S3Config.local(s3.endpoint()).withPrefix("t-" + UUID.randomUUID() + "/")
                .withPartSize(5L << 20), registry);
        store = new TieredBlobStore(local, remote);
    }

    @AfterEach
    void close() {
        remote.close();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    /** A worker that has not read the blob yet (nothing local) meets a corrupt object in the bucket. */
    @Override
    protected void corrupt(Digest digest, byte[] bytes) throws IOException {
        local.delete(digest);
        try {
            MinioClient.builder().endpoint(s3.endpoint().toString()).credentials(s3.accessKey(), s3.secretKey()).build()
                    .putObject(PutObjectArgs.builder().bucket(remote.config().bucket()).object(remote.keyOf(digest))
                            .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
        } catch (Exception e) {
            throw new IOException("could not alter the object in the bucket: " + e, e);
        }
    }

    @Test
    void put_writesBothTiers() throws IOException {
        Digest digest = put(store, randomBytes(1000, 50));

        assertThat(local.has(digest)).isTrue();
        assertThat(remote.has(digest)).isTrue();
    }

    @Test
    void open_remoteOnly_fillsTheLocalTier() throws IOException {
        byte[] bytes = randomBytes((6 << 20) + 3, 51);
        Digest digest = put(remote, bytes);
        assertThat(local.has(digest)).isFalse();

        assertThat(readAll(store, digest)).isEqualTo(bytes);

        assertThat(local.has(digest)).isTrue();
        assertThat(readAll(local, digest)).isEqualTo(bytes);
    }

    @Test
    void open_localOnly_servesWithoutTheRemote() throws IOException {
        byte[] bytes = randomBytes(500, 52);
        Digest digest = put(local, bytes);

        assertThat(readAll(store, digest)).isEqualTo(bytes);
        assertThat(remote.has(digest)).isFalse();
    }
    @Test
    void open_remoteOnly_readerStopsEarly_leavesNothingLocal() throws IOException {
        byte[] bytes = randomBytes((6 << 20) + 5, 53);
        Digest digest = put(remote, bytes);

        try (java.io.InputStream in = store.open(digest)) {
            assertThat(in.readNBytes(1 << 20)).hasSize(1 << 20);
        }

        assertThat(local.has(digest)).isFalse();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(local.directory())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void open_remoteHit_servesBytesBeforeTheLocalCopyIsComplete() throws IOException {
        byte[] bytes = randomBytes((6 << 20) + 9, 54);
        Digest digest = put(remote, bytes);

        try (java.io.InputStream in = store.open(digest)) {
            in.readNBytes(1000);
            assertThat(local.has(digest)).as("visible only once complete").isFalse();
            in.readAllBytes();
        }

        assertThat(local.has(digest)).isTrue();
    }
}
