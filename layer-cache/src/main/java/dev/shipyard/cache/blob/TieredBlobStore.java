package dev.shipyard.cache.blob;

import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fast local tier in front of the shared remote store. Reads try local first; a remote hit is copied (and
 * verified) into the local tier and served from there. Puts land locally first and are then uploaded from the
 * local copy, so the caller's stream is read once.
 */
public final class TieredBlobStore implements BlobStore {
    private static final Logger log = LoggerFactory.getLogger(TieredBlobStore.class);

    private final BlobStore local;
    private final BlobStore remote;

    public TieredBlobStore(BlobStore local, BlobStore remote) {
        this.local = local;
        this.remote = remote;
    }

    public BlobStore local() {
        return local;
    }

    public BlobStore remote() {
        return remote;
    }

    @Override
    public boolean has(Digest digest) throws IOException {
        return local.has(digest) || remote.has(digest);
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) throws IOException {
        Optional<BlobInfo> info = local.stat(digest);
        return info.isPresent() ? info : remote.stat(digest);
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        try {
            return local.open(digest);
        } catch (BlobNotFoundException e) {
            return fill(digest);
        }
    }

    private InputStream fill(Digest digest) throws IOException {
        try (InputStream fromRemote = remote.open(digest)) {
            local.put(digest, fromRemote, -1);
        } catch (BlobNotFoundException | DigestMismatchException e) {
            throw e;
        } catch (IOException e) {
            log.warn("could not copy {} into the local tier, reading it from the remote store: {}", digest, e.getMessage());
            return remote.open(digest);
        }
        return local.open(digest);
    }

    @Override
    public BlobInfo put(Digest expected, InputStream content, long size) throws IOException {
        Optional<BlobInfo> onRemote = remote.stat(expected);
        if (onRemote.isPresent()) {
            return onRemote.get();
        }
        BlobInfo stored = local.put(expected, content, size);
        try (InputStream copy = local.open(expected)) {
            return remote.put(expected, copy, stored.size());
        }
    }

    @Override
    public void delete(Digest digest) throws IOException {
        remote.delete(digest);
        local.delete(digest);
    }

    /** The remote store's blobs: it is the shared, authoritative tier. */
    @Override
    public Stream<BlobInfo> list() throws IOException {
        return remote.list();
    }

    @Override
    public String toString() {
        return "tiered blob store (" + local + " in front of " + remote + ")";
    }
}
