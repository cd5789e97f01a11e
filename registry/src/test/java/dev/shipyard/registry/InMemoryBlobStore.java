package dev.shipyard.registry;

import dev.shipyard.cache.blob.BlobInfo;
import dev.shipyard.cache.blob.BlobNotFoundException;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.blob.DigestMismatchException;
import dev.shipyard.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A verifying blob store in memory, counting the puts it accepted. */
public final class InMemoryBlobStore implements BlobStore {
    private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    private final AtomicInteger puts = new AtomicInteger();

    @Override
    public boolean has(Digest digest) {
        return blobs.containsKey(digest);
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        byte[] b = blobs.get(digest);
        return b == null ? Optional.empty() : Optional.of(new BlobInfo(digest, b.length, Instant.EPOCH));
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        byte[] b = blobs.get(digest);
        if (b == null) {
            throw new BlobNotFoundException(digest, "memory");
        }
        return new ByteArrayInputStream(b);
    }

    @Override
    public BlobInfo put(Digest expected, InputStream content, long size) throws IOException {
        byte[] bytes = content.readAllBytes();
        Digest actual = Digest.sha256(bytes);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(expected, actual, "memory store");
        }
        blobs.put(expected, bytes);
        puts.incrementAndGet();
        return new BlobInfo(expected, bytes.length, Instant.EPOCH);
    }

    /** Stores bytes under their own digest. */
    public Digest add(byte[] bytes) throws IOException {
        Digest d = Digest.sha256(bytes);
        put(d, new ByteArrayInputStream(bytes), bytes.length);
        return d;
    }

    public byte[] bytes(Digest digest) {
        return blobs.get(digest).clone();
    }

    public int size() {
        return blobs.size();
    }

    public int acceptedPuts() {
        return puts.get();
    }

    @Override
    public void delete(Digest digest) {
        blobs.remove(digest);
    }

    @Override
    public Stream<BlobInfo> list() {
        return blobs.entrySet().stream().map(e -> new BlobInfo(e.getKey(), e.getValue().length, Instant.EPOCH));
    }
}
