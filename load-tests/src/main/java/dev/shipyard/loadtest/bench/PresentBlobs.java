package dev.shipyard.loadtest.bench;

import dev.shipyard.cache.blob.BlobInfo;
import dev.shipyard.cache.blob.BlobNotFoundException;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.oci.Digest;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** A store that only remembers which digests exist, so the benchmarks time the index and not blob I/O. */
final class PresentBlobs implements BlobStore {
    private final Set<Digest> present = ConcurrentHashMap.newKeySet();

    void add(Digest digest) {
        present.add(digest);
    }

    @Override
    public boolean has(Digest digest) {
        return present.contains(digest);
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        return present.contains(digest) ? Optional.of(new BlobInfo(digest, 0, Instant.EPOCH)) : Optional.empty();
    }

    @Override
    public InputStream open(Digest digest) throws BlobNotFoundException {
        throw new BlobNotFoundException(digest, "the benchmark's presence-only store");
    }

    @Override
    public BlobInfo put(Digest expected, InputStream content, long size) {
        present.add(expected);
        return new BlobInfo(expected, size, Instant.EPOCH);
    }

    @Override
    public void delete(Digest digest) {
        present.remove(digest);
    }

    @Override
    public Stream<BlobInfo> list() {
        return present.stream().map(d -> new BlobInfo(d, 0, Instant.EPOCH));
    }
}
