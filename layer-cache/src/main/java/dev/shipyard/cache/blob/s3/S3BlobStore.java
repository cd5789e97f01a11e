package dev.shipyard.cache.blob.s3;

import dev.shipyard.cache.blob.BlobInfo;
import dev.shipyard.cache.blob.BlobMetrics;
import dev.shipyard.cache.blob.BlobNotFoundException;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.blob.CountingInputStream;
import dev.shipyard.cache.blob.DigestMismatchException;
import dev.shipyard.cache.blob.DigestingInputStream;
import dev.shipyard.cache.blob.Retrier;
import dev.shipyard.cache.blob.VerifyingInputStream;
import dev.shipyard.oci.Digest;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.BucketExistsArgs;
import io.minio.ComposeObjectArgs;
import io.minio.ComposeSource;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as objects {@code <prefix>blobs/sha256/<hex>} in one S3 bucket, spoken to through the MinIO SDK.
 *
 * <p>An upload streams in parts to a temporary key while hashing, and is copied server-side to its final key only
 * once its digest matches, so a blob is visible only complete and verified. Transient failures are retried, part
 * by part, until the configured deadline.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private final S3Config config;
    private final MinioAsyncClient client;
    private final S3Errors errors;
    private final BlobMetrics metrics;
    private final Retrier retrier;
    private final S3Uploads uploads;

    private S3BlobStore(S3Config config, MeterRegistry registry) {
        this.config = config;
        this.client = MinioAsyncClient.builder()
                .endpoint(config.endpoint().toString())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(new OkHttpClient.Builder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .readTimeout(Duration.ofSeconds(60))
                        .writeTimeout(Duration.ofSeconds(60))
                        .build())
                .build();
        if (!config.pathStyle()) {
            client.enableVirtualStyleEndpoint();
        }
        this.errors = new S3Errors(config);
        this.metrics = new BlobMetrics(registry, "s3");
        this.retrier = Retrier.of(config.retryDeadline(), metrics::retry);
        this.uploads = new S3Uploads(config, client, errors, retrier);
    }

    /**
     * Connects to the bucket, creating it when missing.
     *
     * @throws IOException naming endpoint and bucket when S3 is unreachable past the retry deadline or refuses access
     */
    public static S3BlobStore connect(S3Config config, MeterRegistry registry) throws IOException {
        S3BlobStore store = new S3BlobStore(config, registry);
        store.ensureBucket();
        return store;
    }

    private void ensureBucket() throws IOException {
        boolean exists = call("check the bucket", () -> client.bucketExists(
                BucketExistsArgs.builder().bucket(config.bucket()).region(config.region()).build()));
        if (!exists) {
            log.info("creating bucket '{}' at {}", config.bucket(), config.endpoint());
            try {
                call("create the bucket", () -> client.makeBucket(
                        MakeBucketArgs.builder().bucket(config.bucket()).region(config.region()).build()));
            } catch (IOException e) {
                if (!S3Errors.code(e.getCause()).startsWith("BucketAlready")) {
                    throw e;
                }
            }
        }
    }

    public S3Config config() {
        return config;
    }

    /** The object key of a blob. */
    public String keyOf(Digest digest) {
        return config.prefix() + "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    @Override
    public boolean has(Digest digest) throws IOException {
        return stat(digest).isPresent();
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) throws IOException {
        try {
            StatObjectResponse response = call("stat " + digest, () -> client.statObject(
                    StatObjectArgs.builder().bucket(config.bucket()).region(config.region()).object(keyOf(digest)).build()));
            return Optional.of(new BlobInfo(digest, response.size(), response.lastModified().toInstant()));
        } catch (IOException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        GetObjectResponse response;
        try {
            response = call("read " + digest, () -> client.getObject(
                    GetObjectArgs.builder().bucket(config.bucket()).region(config.region()).object(keyOf(digest)).build()));
        } catch (IOException e) {
            if (isNotFound(e)) {
                metrics.miss();
                throw new BlobNotFoundException(digest, "S3 " + config.endpoint() + " bucket '" + config.bucket() + "'");
            }
            throw e;
        }
        metrics.hit();
        String length = response.headers().get("Content-Length");
        long size = length == null ? -1 : Long.parseLong(length);
        return new VerifyingInputStream(new CountingInputStream(response, metrics::downloaded), digest, size,
                "S3 object " + config.bucket() + "/" + keyOf(digest), (expected, actual) -> removeCorrupt(digest, actual));
    }

    private void removeCorrupt(Digest digest, Digest actual) throws IOException {
        log.warn("S3 object {}/{} is corrupt (its bytes hash to {}): removing it", config.bucket(), keyOf(digest), actual);
        metrics.corrupt();
        delete(digest);
    }

    @Override
    public BlobInfo put(Digest expected, InputStream content, long size) throws IOException {
        Optional<BlobInfo> existing = stat(expected);
        if (existing.isPresent()) {
            return existing.get();
        }
        DigestingInputStream digesting = new DigestingInputStream(content);
        long started = System.nanoTime();
        String tempKey = uploads.upload(digesting, "upload " + expected);
        try {
            verify(expected, size, digesting);
            long uploaded = System.nanoTime();
            String finalKey = keyOf(expected);
            call("publish " + expected, () -> client.composeObject(ComposeObjectArgs.builder()
                    .bucket(config.bucket()).region(config.region()).object(finalKey)
                    .sources(java.util.List.of(ComposeSource.builder().bucket(config.bucket()).object(tempKey).build()))
                    .build()));
            metrics.uploaded(digesting.count());
            log.debug("stored {} ({} bytes): upload {} ms, server-side copy {} ms", expected, digesting.count(),
                    (uploaded - started) / 1_000_000, (System.nanoTime() - uploaded) / 1_000_000);
        } finally {
            removeQuietly(tempKey);
        }
        return stat(expected).orElseThrow(() -> new IOException("could not find " + expected + " at S3 "
                + config.endpoint() + " bucket '" + config.bucket() + "' right after storing it"));
    }

    private void verify(Digest expected, long size, DigestingInputStream digesting) throws IOException {
        if (!digesting.digest().equals(expected)) {
            throw new DigestMismatchException(expected, digesting.digest(), "content uploaded to S3 bucket '"
                    + config.bucket() + "'");
        }
        if (size >= 0 && digesting.count() != size) {
            throw new IOException("could not store " + expected + ": declared size " + size + " but the content had "
                    + digesting.count() + " bytes");
        }
    }

    @Override
    public void delete(Digest digest) throws IOException {
        remove(keyOf(digest));
    }

    private void remove(String key) throws IOException {
        call("delete " + key, () -> client.removeObject(
                RemoveObjectArgs.builder().bucket(config.bucket()).region(config.region()).object(key).build()));
    }

    private void removeQuietly(String key) {
        try {
            remove(key);
        } catch (IOException e) {
            log.warn("could not remove temporary object {}: {}", key, e.getMessage());
        }
    }

    @Override
    public Stream<BlobInfo> list() {
        String prefix = config.prefix() + "blobs/" + Digest.SHA256 + "/";
        Iterable<io.minio.Result<Item>> results = client.listObjects(ListObjectsArgs.builder()
                .bucket(config.bucket()).region(config.region()).prefix(prefix).recursive(true).build());
        return StreamSupport.stream(results.spliterator(), false)
                .map(result -> item(result, prefix))
                .filter(info -> info != null);
    }

    private BlobInfo item(io.minio.Result<Item> result, String prefix) {
        Item item;
        try {
            item = get(result, "list blobs");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String hex = item.objectName().substring(prefix.length());
        if (!HEX.matcher(hex).matches()) {
            return null;
        }
        return new BlobInfo(new Digest(Digest.SHA256, hex), item.size(), item.lastModified().toInstant());
    }

    /**
     * Removes temporary upload objects and aborts multipart uploads begun more than {@code olderThan} ago: what a
     * put leaves behind when its process dies or S3 stays away past the retry deadline. Returns how many it removed.
     */
    public int removeStaleUploads(Duration olderThan) throws IOException {
        Instant cutoff = Instant.now().minus(olderThan);
        String prefix = uploadsPrefix();
        int removed = 0;
        for (io.minio.Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                .bucket(config.bucket()).region(config.region()).prefix(prefix).recursive(true).build())) {
            Item item = get(result, "list stale uploads");
            if (!item.isDir() && !item.objectName().endsWith("/") && item.lastModified().toInstant().isBefore(cutoff)) {
                remove(item.objectName());
                removed++;
            }
        }
        return removed + uploads.abortStale(prefix, cutoff);
    }

    private String uploadsPrefix() {
        return config.prefix() + "uploads/";
    }

    private Item get(io.minio.Result<Item> result, String action) throws IOException {
        try {
            return result.get();
        } catch (Exception e) {
            throw errors.translate(action, e);
        }
    }

    private boolean isNotFound(IOException e) {
        String code = S3Errors.code(e.getCause());
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code);
    }

    /** One SDK call, waited for, translated and retried on transient failures. */
    private <T> T call(String action, S3Uploads.SdkCall<T> sdkCall) throws IOException {
        return uploads.call(action, sdkCall);
    }

    /** Stops the upload threads; the store is unusable afterwards. */
    @Override
    public void close() {
        uploads.close();
    }

    @Override
    public String toString() {
        return "S3 blob store " + config.endpoint() + "/" + config.bucket() + "/" + config.prefix();
    }
}
