package dev.shipyard.cache.blob;

import dev.shipyard.oci.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fast local tier in front of the shared remote store. Reads try local first; a remote hit is served while it
 * is copied into the local tier, where it appears once its end is read and verified. Puts land locally first and are then uploaded from the
 * local copy, so the caller's stream is read once.
 */
public final class TieredBlobStore implements BlobStore {
    private static final Logger log = LoggerFactory.getLogger(TieredBlobStore.class);

    private final StagingBlobStore local;
    private final BlobStore remote;

    public TieredBlobStore(StagingBlobStore local, BlobStore remote) {
        this.local = local;
        this.remote = remote;
    }

    public StagingBlobStore local() {
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
        InputStream fromRemote = remote.open(digest);
        try {
            return new FillingInputStream(fromRemote, local.stage(digest, -1));
        } catch (IOException e) {
            log.warn("could not start copying {} into the local tier, reading it from the remote store only: {}",
                    digest, e.getMessage());
            return fromRemote;
        }
    }

    /**
     * Serves the remote stream and copies it into the local tier on the way; the copy becomes visible at the end
     * of the stream, once the remote bytes are verified, and is discarded when the reader stops early.
     */
    private static final class FillingInputStream extends FilterInputStream {
        private BlobWriter staging;

        FillingInputStream(InputStream remote, BlobWriter staging) {
            super(remote);
            this.staging = staging;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (staging == null) {
                return n;
            }
            try {
                if (n > 0) {
                    staging.write(buf, off, n);
                } else if (n < 0) {
                    staging.commit();
                    staging = null;
                }
            } catch (IOException e) {
                // the reader still gets the verified remote bytes; only the local copy is lost
                log.warn("could not copy a blob into the local tier: {}", e.getMessage());
                dropStaging();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // every byte must reach the local copy
            return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
        }

        private void dropStaging() throws IOException {
            BlobWriter dropped = staging;
            staging = null;
            if (dropped != null) {
                dropped.close();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                dropStaging();
            }
        }
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
