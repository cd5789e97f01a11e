package dev.shipyard.cache.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.cache.blob.RetriableStoreException;
import dev.shipyard.cache.blob.StoreAccessException;
import dev.shipyard.cache.embedded.EmbeddedS3;
import dev.shipyard.oci.Digest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 store while its endpoint goes away, refuses access or cannot be reached. */
class S3FaultIT {
    private static final int MB = 1 << 20;

    @TempDir
    Path dataDir;
    private final AtomicReference<EmbeddedS3> s3 = new AtomicReference<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws IOException {
        s3.set(EmbeddedS3.start(dataDir));
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.shutdownNow();
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
        if (s3.get() != null) {
            s3.get().close();
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    /** Stops S3 when the reader has passed {@code afterBytes}, and starts it again on the same port and data after {@code downFor}. */
    private InputStream stopsS3Midway(byte[] bytes, int afterBytes, Duration downFor) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            private long read;

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (read < afterBytes && read + Math.max(n, 0) >= afterBytes) {
                    outage(downFor);
                }
                read += Math.max(n, 0);
                return n;
            }
        };
    }

    private void outage(Duration downFor) throws IOException {
        EmbeddedS3 running = s3.getAndSet(null);
        int port = running.port();
        running.close();
        if (!downFor.isNegative()) {
            scheduler.schedule(() -> restart(port), downFor.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void restart(int port) {
        try {
            s3.set(EmbeddedS3.start(dataDir, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private S3Config config(Duration retryDeadline) {
        return S3Config.local(s3.get().endpoint()).withPartSize(5L * MB).withRetryDeadline(retryDeadline);
    }

    @Test
    void put_s3DownFor20SecondsMidUpload_retriesAndSucceeds() throws Exception {
        byte[] bytes = randomBytes(23 * MB);
        Digest digest = Digest.sha256(bytes);
        try (S3BlobStore store = S3BlobStore.connect(config(Duration.ofSeconds(60)), registry)) {

            store.put(digest, stopsS3Midway(bytes, 12 * MB, Duration.ofSeconds(20)), bytes.length);

            assertThat(registry.get("shipyard.blob.retries").counter().count()).isPositive();
            try (InputStream in = store.open(digest)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            try (var all = store.list()) {
                assertThat(all.map(b -> b.digest())).containsExactly(digest);
            }
        }
    }

    @Test
    void put_s3DownPastTheDeadline_failsClearlyAndLeavesNothingVisible() throws Exception {
        byte[] bytes = randomBytes(16 * MB);
        Digest digest = Digest.sha256(bytes);
        S3Config config = config(Duration.ofSeconds(2));
        try (S3BlobStore store = S3BlobStore.connect(config, registry)) {

            assertThatThrownBy(() -> store.put(digest, stopsS3Midway(bytes, 7 * MB, Duration.ofSeconds(-1)), bytes.length))
                    .isInstanceOf(RetriableStoreException.class)
                    .hasMessageContaining(config.endpoint().toString())
                    .hasMessageContaining("bucket 'shipyard'")
                    .hasMessageContaining("unreachable");

            restart(config.endpoint().getPort());
            assertThat(store.has(digest)).isFalse();
            try (var all = store.list()) {
                assertThat(all).isEmpty();
            }
        }
    }

    @Test
    void connect_wrongSecret_failsNamingEndpointAndBucket() {
        S3Config config = config(Duration.ofSeconds(5)).withCredentials(EmbeddedS3.ACCESS_KEY, "not-the-secret");

        assertThatThrownBy(() -> S3BlobStore.connect(config, registry))
                .isInstanceOf(StoreAccessException.class)
                .hasMessageContaining("could not check the bucket")
                .hasMessageContaining(config.endpoint().toString())
                .hasMessageContaining("access denied");
    }

    @Test
    void connect_nothingListening_failsAfterTheDeadlineNamingTheEndpoint() throws IOException {
        URI endpoint = s3.get().endpoint();
        s3.getAndSet(null).close();
        S3Config config = S3Config.local(endpoint).withRetryDeadline(Duration.ofSeconds(1));

        assertThatThrownBy(() -> S3BlobStore.connect(config, registry))
                .isInstanceOf(RetriableStoreException.class)
                .hasMessageContaining(endpoint.toString())
                .hasMessageContaining("unreachable");
    }
}
