package dev.shipyard.cache.blob.s3;

import dev.shipyard.cache.blob.Retrier;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.ListMultipartUploadsResponse;
import io.minio.messages.Part;
import io.minio.messages.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams content to a temporary object: one request when it fits in a part, otherwise a multipart upload that
 * reads the next part while the previous one is sent, each part retried on its own.
 */
final class S3Uploads implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3Uploads.class);

    /** Starts one asynchronous SDK request. */
    @FunctionalInterface
    interface SdkCall<T> {
        CompletableFuture<T> start() throws Exception;
    }

    private final S3Config config;
    private final MinioAsyncClient client;
    private final S3Errors errors;
    private final Retrier retrier;
    private final ExecutorService senders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "shipyard-s3-upload");
        thread.setDaemon(true);
        return thread;
    });

    S3Uploads(S3Config config, MinioAsyncClient client, S3Errors errors, Retrier retrier) {
        this.config = config;
        this.client = client;
        this.errors = errors;
        this.retrier = retrier;
    }

    <T> T call(String action, SdkCall<T> sdkCall) throws IOException {
        return retrier.call(action, () -> once(action, sdkCall));
    }

    private <T> T once(String action, SdkCall<T> sdkCall) throws IOException {
        try {
            return sdkCall.start().get();
        } catch (Exception e) {
            throw errors.translate(action, e);
        }
    }

    /** Uploads everything {@code content} yields to a new temporary key and returns that key. */
    String upload(InputStream content, String action) throws IOException {
        String key = config.prefix() + "uploads/" + UUID.randomUUID();
        int partSize = (int) config.partSize();
        byte[] first = new byte[partSize];
        int n = content.readNBytes(first, 0, partSize);
        if (n < partSize) {
            call(action, () -> client.putObject(PutObjectArgs.builder().bucket(config.bucket()).region(config.region())
                    .object(key).stream(new ByteArrayInputStream(first, 0, n), n, -1).build()));
            return key;
        }
        String uploadId = call("start to " + action, () -> client.createMultipartUploadAsync(
                config.bucket(), config.region(), key, null, null)).result().uploadId();
        try {
            long started = System.nanoTime();
            List<Part> parts = uploadParts(content, key, uploadId, first, action);
            long sent = System.nanoTime();
            completeParts(key, uploadId, parts, action);
            log.debug("{}: {} parts sent in {} ms, completed in {} ms", action, parts.size(),
                    (sent - started) / 1_000_000, (System.nanoTime() - sent) / 1_000_000);
            return key;
        } catch (IOException | RuntimeException e) {
            abortQuietly(key, uploadId);
            throw e;
        }
    }

    private List<Part> uploadParts(InputStream content, String key, String uploadId, byte[] first, String action)
            throws IOException {
        byte[][] buffers = {first, new byte[first.length]};
        List<Part> parts = new ArrayList<>();
        int current = 0;
        int length = first.length;
        for (int number = 1; ; number++) {
            Future<Part> sending = send(key, uploadId, number, buffers[current], length, action);
            current ^= 1;
            // the other buffer is free: its part was acknowledged before this one was sent
            int next = readOrCancel(content, buffers[current], sending);
            parts.add(await(sending, action));
            if (next == 0) {
                return parts;
            }
            length = next;
        }
    }

    private Future<Part> send(String key, String uploadId, int number, byte[] data, int length, String action) {
        String partAction = action + " (part " + number + ")";
        return senders.submit(() -> {
            String etag = call(partAction, () -> client.uploadPartAsync(config.bucket(), config.region(), key, data,
                    length, uploadId, number, null, null)).etag();
            return new Part(number, etag);
        });
    }

    private static int readOrCancel(InputStream content, byte[] buffer, Future<Part> sending) throws IOException {
        try {
            return content.readNBytes(buffer, 0, buffer.length);
        } catch (IOException | RuntimeException e) {
            sending.cancel(true);
            throw e;
        }
    }

    private static Part await(Future<Part> sending, String action) throws IOException {
        try {
            return sending.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("could not " + action + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sending.cancel(true);
            throw new java.io.InterruptedIOException("interrupted while waiting to " + action);
        }
    }

    private void completeParts(String key, String uploadId, List<Part> parts, String action) throws IOException {
        try {
            call("complete " + action, () -> client.completeMultipartUploadAsync(config.bucket(), config.region(), key,
                    uploadId, parts.toArray(new Part[0]), null, null));
        } catch (IOException e) {
            // a retry after a lost answer finds the upload already completed
            if (!"NoSuchUpload".equals(S3Errors.code(e.getCause())) || !exists(key)) {
                throw e;
            }
        }
    }

    private boolean exists(String key) {
        try {
            once("stat " + key, () -> client.statObject(
                    StatObjectArgs.builder().bucket(config.bucket()).region(config.region()).object(key).build()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            once("abort the upload of " + key, () -> client.abortMultipartUploadAsync(
                    config.bucket(), config.region(), key, uploadId, null, null));
        } catch (IOException e) {
            log.warn("could not abort multipart upload {} of {}: {}", uploadId, key, e.getMessage());
        }
    }

    /** Aborts the multipart uploads under {@code prefix} begun before {@code cutoff}; returns how many. */
    int abortStale(String prefix, java.time.Instant cutoff) throws IOException {
        ListMultipartUploadsResponse response;
        try {
            response = call("list multipart uploads", () -> client.listMultipartUploadsAsync(config.bucket(),
                    config.region(), null, null, null, 1000, prefix, null, null, null));
        } catch (IOException e) {
            if ("NotImplemented".equals(S3Errors.code(e.getCause())) || S3Errors.status(e.getCause()) == 501) {
                log.debug("S3 at {} cannot list multipart uploads; leaving them to a bucket lifecycle rule", config.endpoint());
                return 0;
            }
            throw e;
        }
        int aborted = 0;
        for (Upload upload : response.result().uploads()) {
            if (upload.initiated() != null && upload.initiated().toInstant().isBefore(cutoff)) {
                abortQuietly(upload.objectName(), upload.uploadId());
                aborted++;
            }
        }
        return aborted;
    }

    void removeQuietly(String key) {
        try {
            call("remove " + key, () -> client.removeObject(
                    RemoveObjectArgs.builder().bucket(config.bucket()).region(config.region()).object(key).build()));
        } catch (IOException e) {
            log.warn("could not remove temporary object {}: {}", key, e.getMessage());
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
