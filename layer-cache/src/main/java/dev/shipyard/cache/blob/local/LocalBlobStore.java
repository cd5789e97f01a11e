package dev.shipyard.cache.blob.local;

import dev.shipyard.cache.blob.BlobInfo;
import dev.shipyard.cache.blob.BlobMetrics;
import dev.shipyard.cache.blob.BlobNotFoundException;
import dev.shipyard.cache.blob.BlobWriter;
import dev.shipyard.cache.blob.StagingBlobStore;
import dev.shipyard.cache.blob.CountingInputStream;
import dev.shipyard.cache.blob.DigestMismatchException;
import dev.shipyard.cache.blob.VerifyingInputStream;
import dev.shipyard.oci.Digest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files {@code <dir>/sha256/<hex>}, written to a temporary file in the same directory, synced and renamed
 * into place once verified. Keeps its total under a byte budget by evicting the least recently used blobs, never
 * one that is open for reading.
 */
public final class LocalBlobStore implements StagingBlobStore {
    private static final Logger log = LoggerFactory.getLogger(LocalBlobStore.class);
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String PARTIAL_SUFFIX = ".partial";

    private final Path blobDir;
    private final long maxBytes;
    private final BlobMetrics metrics;
    private final Object lock = new Object();
    private final Map<Digest, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong usedBytes = new AtomicLong();
    private final AtomicLong accessClock = new AtomicLong();

    /** One stored blob: its size, when it was last used (a logical tick) and how many readers hold it open. */
    private static final class Entry {
        final long size;
        volatile long lastAccess;
        int readers; // guarded by lock

        Entry(long size, long lastAccess) {
            this.size = size;
            this.lastAccess = lastAccess;
        }
    }

    public LocalBlobStore(LocalConfig config, MeterRegistry registry) throws IOException {
        this.blobDir = config.dir().resolve(Digest.SHA256);
        this.maxBytes = config.maxBytes();
        this.metrics = new BlobMetrics(registry, "local");
        Files.createDirectories(blobDir);
        loadExisting();
        Gauge.builder("shipyard.blob.local.used", usedBytes, AtomicLong::get).baseUnit("bytes").register(registry);
    }

    private void loadExisting() throws IOException {
        List<Path> files;
        try (Stream<Path> stream = Files.list(blobDir)) {
            files = stream.collect(Collectors.toList());
        }
        files.stream().filter(p -> p.getFileName().toString().endsWith(PARTIAL_SUFFIX)).forEach(this::deleteQuietly);
        // one stat per blob: a comparator that stats on every comparison made a large store slow to open
        files.stream().filter(p -> HEX.matcher(p.getFileName().toString()).matches())
                .map(LocalBlobStore::existing)
                .sorted(Comparator.comparingLong(ExistingBlob::modifiedMillis))
                .forEach(b -> track(new Digest(Digest.SHA256, b.path().getFileName().toString()), b.size()));
        log.info("local blob store at {}: {} blobs, {} of {} bytes", blobDir, entries.size(), usedBytes.get(), maxBytes);
    }

    public Path directory() {
        return blobDir;
    }

    /** Bytes held by stored blobs. */
    public long usedBytes() {
        return usedBytes.get();
    }

    public Path pathOf(Digest digest) {
        return blobDir.resolve(digest.hex());
    }

    @Override
    public boolean has(Digest digest) {
        return Files.exists(pathOf(digest));
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(pathOf(digest), BasicFileAttributes.class);
            return Optional.of(new BlobInfo(digest, attrs.size(), attrs.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        Entry entry = acquire(digest);
        InputStream file;
        try {
            file = Files.newInputStream(pathOf(digest));
        } catch (NoSuchFileException e) {
            release(entry);
            forget(digest);
            metrics.miss();
            throw new BlobNotFoundException(digest, blobDir.toString());
        }
        metrics.hit();
        InputStream verifying = new VerifyingInputStream(new CountingInputStream(file, metrics::downloaded), digest,
                entry.size, "local blob " + pathOf(digest), (expected, actual) -> removeCorrupt(digest, actual));
        return new LeasedStream(verifying, entry);
    }

    private Entry acquire(Digest digest) throws IOException {
        synchronized (lock) {
            Entry entry = entries.get(digest);
            if (entry == null && Files.exists(pathOf(digest))) {
                // renamed into place by a put that has not tracked it yet
                track(digest, sizeOf(pathOf(digest)));
                entry = entries.get(digest);
            }
            if (entry == null) {
                metrics.miss();
                throw new BlobNotFoundException(digest, blobDir.toString());
            }
            entry.readers++;
            entry.lastAccess = accessClock.incrementAndGet();
            return entry;
        }
    }

    private void release(Entry entry) {
        synchronized (lock) {
            entry.readers--;
        }
    }

    private void removeCorrupt(Digest digest, Digest actual) {
        log.warn("local blob {} is corrupt (its bytes hash to {}): removing it", pathOf(digest), actual);
        metrics.corrupt();
        forget(digest);
        deleteQuietly(pathOf(digest));
    }

    @Override
    public BlobInfo put(Digest expected, InputStream content, long size) throws IOException {
        Optional<BlobInfo> existing = stat(expected);
        if (existing.isPresent() && entries.containsKey(expected)) {
            entries.get(expected).lastAccess = accessClock.incrementAndGet();
            return existing.get();
        }
        try (Staging staging = stage(expected, size)) {
            content.transferTo(staging);
            return staging.commit();
        }
    }

    /**
     * Starts writing the blob {@code expected}: bytes written to the returned stream go to a temporary file, which
     * {@link Staging#commit()} verifies and renames into place; closing without committing discards it.
     *
     * @param size the expected length, or -1
     */
    @Override
    public Staging stage(Digest expected, long size) throws IOException {
        Path temp = blobDir.resolve("." + expected.hex() + "." + UUID.randomUUID() + PARTIAL_SUFFIX);
        return new Staging(expected, size, temp, FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** A blob being written to a temporary file in the blob directory; invisible until committed. */
    public final class Staging extends BlobWriter {
        private final Digest expected;
        private final long size;
        private final Path temp;
        private final FileChannel channel;
        private final OutputStream out;
        private final MessageDigest sha256 = Digest.newSha256();
        private long count;
        private boolean done;

        private Staging(Digest expected, long size, Path temp, FileChannel channel) {
            this.expected = expected;
            this.size = size;
            this.temp = temp;
            this.channel = channel;
            this.out = Channels.newOutputStream(channel);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            out.write(buf, off, len);
            sha256.update(buf, off, len);
            count += len;
        }

        /** Syncs, verifies and renames the file into place; the blob is visible once this returns. */
        @Override
        public BlobInfo commit() throws IOException {
            done = true;
            try {
                try (channel) {
                    channel.force(true);
                }
                verify();
                Files.move(temp, pathOf(expected), StandardCopyOption.ATOMIC_MOVE);
                syncDirectory();
            } finally {
                Files.deleteIfExists(temp);
            }
            track(expected, count);
            metrics.uploaded(count);
            evictIfNeeded(expected);
            return stat(expected).orElseThrow(() -> new BlobNotFoundException(expected, blobDir.toString()));
        }

        private void verify() throws IOException {
            Digest actual = Digest.ofHash(sha256.digest());
            if (!actual.equals(expected)) {
                throw new DigestMismatchException(expected, actual, "content stored to " + blobDir);
            }
            if (size >= 0 && count != size) {
                throw new IOException("could not store " + expected + ": declared size " + size
                        + " but the content had " + count + " bytes");
            }
        }

        /** Discards the temporary file unless committed. */
        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                channel.close();
                Files.deleteIfExists(temp);
            }
        }
    }

    // The rename is durable only once the directory itself is synced.
    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(blobDir, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private void track(Digest digest, long size) {
        synchronized (lock) {
            Entry previous = entries.putIfAbsent(digest, new Entry(size, accessClock.incrementAndGet()));
            if (previous == null) {
                usedBytes.addAndGet(size);
            }
        }
    }

    private void forget(Digest digest) {
        synchronized (lock) {
            Entry removed = entries.remove(digest);
            if (removed != null) {
                usedBytes.addAndGet(-removed.size);
            }
        }
    }

    private void evictIfNeeded(Digest keep) {
        synchronized (lock) {
            if (usedBytes.get() <= maxBytes) {
                return;
            }
            List<Map.Entry<Digest, Entry>> candidates = entries.entrySet().stream()
                    .filter(e -> e.getValue().readers == 0 && !e.getKey().equals(keep))
                    .sorted(Comparator.comparingLong(e -> e.getValue().lastAccess))
                    .collect(Collectors.toList());
            for (Map.Entry<Digest, Entry> candidate : candidates) {
                if (usedBytes.get() <= maxBytes) {
                    break;
                }
                entries.remove(candidate.getKey());
                usedBytes.addAndGet(-candidate.getValue().size);
                deleteQuietly(pathOf(candidate.getKey()));
                log.debug("evicted {} ({} bytes) from {}", candidate.getKey(), candidate.getValue().size, blobDir);
            }
            if (usedBytes.get() > maxBytes) {
                log.warn("local blob store {} holds {} bytes, over its budget of {}: the rest is open or just written",
                        blobDir, usedBytes.get(), maxBytes);
            }
        }
    }

    @Override
    public void delete(Digest digest) throws IOException {
        forget(digest);
        Files.deleteIfExists(pathOf(digest));
    }

    @Override
    public Stream<BlobInfo> list() throws IOException {
        return Files.list(blobDir)
                .filter(p -> HEX.matcher(p.getFileName().toString()).matches())
                .flatMap(p -> statQuietly(new Digest(Digest.SHA256, p.getFileName().toString())).stream());
    }

    private Optional<BlobInfo> statQuietly(Digest digest) {
        try {
            return stat(digest);
        } catch (IOException e) {
            log.warn("could not stat local blob {}: {}", pathOf(digest), e.toString());
            return Optional.empty();
        }
    }

    private void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", path, e.toString());
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    private record ExistingBlob(Path path, long size, long modifiedMillis) {
    }

    private static ExistingBlob existing(Path path) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            return new ExistingBlob(path, attrs.size(), attrs.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return new ExistingBlob(path, 0, 0);
        }
    }

    @Override
    public String toString() {
        return "local blob store " + blobDir;
    }

    /** Holds a read lease on a blob so eviction skips it until the reader closes. */
    private final class LeasedStream extends FilterInputStream {
        private final Entry entry;
        private final AtomicBoolean released = new AtomicBoolean();

        LeasedStream(InputStream in, Entry entry) {
            super(in);
            this.entry = entry;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            return in.read(buf, off, len);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (released.compareAndSet(false, true)) {
                    release(entry);
                }
            }
        }
    }
}
