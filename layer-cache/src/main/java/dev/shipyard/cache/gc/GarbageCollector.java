package dev.shipyard.cache.gc;

import dev.shipyard.cache.blob.BlobInfo;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.index.CacheIndex;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.ClaimHandle;
import dev.shipyard.cache.index.Claims;
import dev.shipyard.cache.index.IndexEntry;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what the cache no longer needs, one member of the farm at a time.
 *
 * <p>A pass (1) removes records unused for {@link GcConfig#unusedAge}, each judged by its own use, never kept
 * alive by younger descendants; (2) when the store exceeds its budget, removes least recently used records until
 * the blobs they alone hold fit; (3) deletes blobs that no record, no root and no build lease references. A blob
 * modified within {@link GcConfig#grace} is spared (its record may be on its way), and the index, the roots and
 * the leases are read again right before deleting, so no blob goes that a fresh record points to.
 */
public final class GarbageCollector implements AutoCloseable {
    /** Where the farm-wide "one pass at a time" claim is filed. */
    static final CacheNamespace GC_NAMESPACE = CacheNamespace.of("shipyard-gc");
    static final CacheKey GC_KEY = new CacheKey(Digest.sha256("shipyard garbage collection"));
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    private final CacheIndex index;
    private final BlobStore blobs;
    private final GcRoots roots;
    private final BuildLeases leases;
    private final Claims claims;
    private final GcConfig config;
    private final Clock clock;
    private final CacheMetrics metrics;
    private ScheduledExecutorService scheduler;

    public GarbageCollector(CacheIndex index, BlobStore blobs, GcRoots roots, BuildLeases leases, Claims claims,
                            GcConfig config, Clock clock, CacheMetrics metrics) {
        this.index = index;
        this.blobs = blobs;
        this.roots = roots;
        this.leases = leases;
        this.claims = claims;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Runs a pass every {@link GcConfig#interval} until closed. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("could not start garbage collection: it is already running");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "shipyard-gc"));
        long every = config.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::scheduledPass, every, every, TimeUnit.MILLISECONDS);
    }

    private void scheduledPass() {
        try {
            runIfNoOtherMember().ifPresent(r -> LOG.info("garbage collection: {}", r));
        } catch (RuntimeException | IOException e) {
            LOG.error("garbage collection pass failed; the next one retries: {}", e.getMessage(), e);
        }
    }

    /** Runs a pass unless another member is running one; empty when it did not run. */
    public Optional<GcReport> runIfNoOtherMember() throws IOException {
        Optional<ClaimHandle> claim = claims.tryClaim(GC_NAMESPACE, GC_KEY, config.lease());
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(runOnce());
        } finally {
            claim.get().release();
        }
    }

    /** One pass, whoever else is running; callers make sure only one member runs it. */
    public GcReport runOnce() throws IOException {
        Instant now = clock.instant();
        List<IndexEntry> live = new ArrayList<>();
        long expired = expireUnused(now, live);
        Map<Digest, BlobInfo> stored = listBlobs();
        long evicted = config.budgetBytes() > 0 ? evictOverBudget(live, stored) : 0;
        GcReport report = sweep(now, live, stored, expired, evicted);
        metrics.gcRemoved(report.recordsRemoved(), report.blobsRemoved(), report.bytesRemoved());
        return report;
    }

    private long expireUnused(Instant now, List<IndexEntry> live) {
        Instant cutoff = now.minus(config.unusedAge());
        long removed = 0;
        try (Stream<IndexEntry> entries = index.entries()) {
            for (IndexEntry entry : (Iterable<IndexEntry>) entries::iterator) {
                if (entry.record().lastUsed().isBefore(cutoff) && index.removeIfUnchanged(entry)) {
                    removed++;
                } else {
                    live.add(entry);
                }
            }
        }
        return removed;
    }

    /** Removes least recently used records (from {@code live}) until the blobs still referenced fit the budget. */
    private long evictOverBudget(List<IndexEntry> live, Map<Digest, BlobInfo> stored) {
        Set<Digest> protectedBlobs = new HashSet<>(roots.pinned());
        protectedBlobs.addAll(leases.held());
        Map<Digest, Integer> holders = new HashMap<>();
        live.forEach(e -> holders.merge(e.record().digest(), 1, Integer::sum));
        long kept = stored.values().stream()
                .filter(b -> holders.containsKey(b.digest()) || protectedBlobs.contains(b.digest()))
                .mapToLong(BlobInfo::size).sum();
        List<IndexEntry> byAge = live.stream()
                .sorted(Comparator.comparing((IndexEntry e) -> e.record().lastUsed()))
                .collect(Collectors.toList());
        long evicted = 0;
        for (IndexEntry entry : byAge) {
            if (kept <= config.budgetBytes()) {
                break;
            }
            if (!index.removeIfUnchanged(entry)) {
                continue;
            }
            evicted++;
            live.remove(entry);
            Digest blob = entry.record().digest();
            if (holders.merge(blob, -1, Integer::sum) == 0 && !protectedBlobs.contains(blob) && stored.containsKey(blob)) {
                kept -= stored.get(blob).size();
            }
        }
        return evicted;
    }

    private GcReport sweep(Instant now, List<IndexEntry> live, Map<Digest, BlobInfo> stored, long expired,
                           long evicted) throws IOException {
        Set<Digest> referenced = live.stream().map(e -> e.record().digest()).collect(Collectors.toSet());
        referenced.addAll(roots.pinned());
        referenced.addAll(leases.held());
        Instant freshSince = now.minus(config.grace());
        Set<Digest> candidates = new HashSet<>();
        long kept = 0;
        for (BlobInfo blob : stored.values()) {
            if (referenced.contains(blob.digest())) {
                continue;
            }
            if (blob.lastModified().isAfter(freshSince)) {
                kept++;
            } else {
                candidates.add(blob.digest());
            }
        }
        // Read everything again: a record, pin or lease may have appeared since the lists above were taken.
        Set<Digest> nowReferenced = new HashSet<>(index.referencing(candidates));
        nowReferenced.addAll(roots.pinned());
        nowReferenced.addAll(leases.held());
        long removed = 0;
        long bytes = 0;
        for (Digest digest : candidates) {
            if (nowReferenced.contains(digest) || rewrittenSinceListed(stored.get(digest), freshSince)
                    || !index.deleteIfUnreferenced(digest, () -> blobs.delete(digest))) {
                kept++;
                continue;
            }
            removed++;
            bytes += stored.get(digest).size();
        }
        return new GcReport(expired, evicted, removed, bytes, kept);
    }

    /** A concurrent upload of the same bytes rewrites the blob: its new modification time spares it. */
    private boolean rewrittenSinceListed(BlobInfo listed, Instant freshSince) throws IOException {
        Optional<BlobInfo> now = blobs.stat(listed.digest());
        return now.isPresent() && (!now.get().lastModified().equals(listed.lastModified())
                || now.get().lastModified().isAfter(freshSince));
    }

    private Map<Digest, BlobInfo> listBlobs() throws IOException {
        try (Stream<BlobInfo> list = blobs.list()) {
            return list.collect(Collectors.toMap(BlobInfo::digest, b -> b, (a, b) -> a));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
