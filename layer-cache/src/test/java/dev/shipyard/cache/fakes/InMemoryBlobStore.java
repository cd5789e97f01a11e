package dev.shipyard.cache.fakes;

import dev.shipyard.cache.blob.BlobInfo;
import dev.shipyard.cache.blob.BlobNotFoundException;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.blob.DigestMismatchException;
import dev.shipyard.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** A blob store in a map, stamping blobs with the given clock; {@link #onList} runs while a listing is read. */
public final class InMemoryBlobStore implements BlobStore {
    private final Map<Digest, byte[]> bytes = new ConcurrentHashMap<>();
    private final Map<Digest, Instant> modified = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Runnable onList = () -> { };
    private volatile Runnable onDelete = () -> { };
    private final java.util.concurrent.atomic.AtomicInteger puts = new java.util.concurrent.atomic.AtomicInteger();

    public InMemoryBlobStore(Clock clock) {
        this.clock = clock;
    }

    /** A store whose blobs all carry the epoch as modification time. */
    public InMemoryBlobStore() {
        this(Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC));
    }

    /** Stores bytes under their own digest through {@link #put}, as a client would. */
    public Digest add(byte[] data) throws IOException {
        Digest digest = Digest.sha256(data);
        put(digest, new ByteArrayInputStream(data), data.length);
        return digest;
    }

    public byte[] bytes(Digest digest) {
        return bytes.get(digest).clone();
    }

    public int size() {
        return bytes.size();
    }

    /** How many puts were accepted (verified and stored). */
    public int acceptedPuts() {
        return puts.get();
    }

    /** Stores {@code content} and answers its digest. */
    public Digest add(String content) {
        byte[] data = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(data);
        bytes.put(digest, data);
        modified.put(digest, clock.instant());
        return digest;
    }

    public void onList(Runnable hook) {
        this.onList = hook;
    }

    /** Runs {@code hook} inside every delete, before the blob goes. */
    public void onDelete(Runnable hook) {
        this.onDelete = hook;
    }

    @Override
    public boolean has(Digest digest) {
        return bytes.containsKey(digest);
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        byte[] data = bytes.get(digest);
        return data == null ? Optional.empty() : Optional.of(new BlobInfo(digest, data.length, modified.get(digest)));
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        byte[] data = bytes.get(digest);
        if (data == null) {
            throw new BlobNotFoundException(digest, "memory");
        }
        return new ByteArrayInputStream(data);
    }

    @Override
    public BlobInfo put(Digest expected, InputStream content, long size) throws IOException {
        byte[] data = content.readAllBytes();
        Digest actual = Digest.sha256(data);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(expected, actual, "memory");
        }
        bytes.put(expected, data);
        modified.put(expected, clock.instant());
        puts.incrementAndGet();
        return new BlobInfo(expected, data.length, modified.get(expected));
    }

    @Override
    public void delete(Digest digest) {
        onDelete.run();
        bytes.remove(digest);
        modified.remove(digest);
    }

    @Override
    public Stream<BlobInfo> list() {
        List<BlobInfo> infos = bytes.keySet().stream().map(d -> stat(d).orElseThrow()).toList();
        onList.run();
        return infos.stream();
    }
}
