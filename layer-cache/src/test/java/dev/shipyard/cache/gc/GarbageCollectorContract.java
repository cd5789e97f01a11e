package dev.shipyard.cache.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.cache.fakes.InMemoryBlobStore;
import dev.shipyard.cache.fakes.MutableClock;
import dev.shipyard.cache.index.CacheIndex;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.Claims;
import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every pairing of index, roots and leases must let garbage collection do; subclasses provide them. */
abstract class GarbageCollectorContract {
    static final Duration UNUSED_AGE = Duration.ofDays(7);
    static final Duration GRACE = Duration.ofHours(1);
    static final CacheNamespace NS = CacheNamespace.of("team-a");

    protected MutableClock clock;
    protected InMemoryBlobStore store;
    protected SimpleMeterRegistry registry;
    private CacheIndex index;
    private GcRoots roots;
    private BuildLeases leases;
    private Claims claims;

    /** The index, roots, leases and claims under test, all using {@link #clock} and {@link #store}. */
    protected abstract CacheIndex index();

    protected abstract GcRoots roots();

    protected abstract BuildLeases leases();

    protected abstract Claims claims();

    @BeforeEach
    void setUpContract() {
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        store = new InMemoryBlobStore(clock);
        registry = new SimpleMeterRegistry();
        prepare();
        index = index();
        roots = roots();
        leases = leases();
        claims = claims();
    }

    /** Builds the parts; {@link #clock} and {@link #store} are ready. */
    protected abstract void prepare();

    private GarbageCollector collector(long budget) {
        return new GarbageCollector(index, store, roots, leases, claims,
                new GcConfig(UNUSED_AGE, GRACE, budget, Duration.ofHours(1), Duration.ofMinutes(1)), clock,
                new CacheMetrics(registry));
    }

    private CacheKey key(String name) {
        return new CacheKey(Digest.sha256(name));
    }

    private LayerRecord publish(String keyName, Digest blob) {
        return index.publish(NS, key(keyName), LayerRecord.of(blob, Digest.sha256("diff of " + blob), 10,
                "application/vnd.oci.image.layer.v1.tar+zstd", clock.instant()));
    }

    @Test
    void runOnce_unreferencedBlobOlderThanGrace_deletesItAndCountsBytes() throws Exception {
        Digest orphan = store.add("orphan layer");
        clock.advance(GRACE.plusMinutes(1));

        GcReport report = collector(0).runOnce();

        assertThat(store.has(orphan)).isFalse();
        assertThat(report.blobsRemoved()).isEqualTo(1);
        assertThat(report.bytesRemoved()).isEqualTo("orphan layer".length());
        assertThat(registry.get("shipyard.cache.gc.removed.bytes").counter().count()).isEqualTo(12.0);
    }

    @Test
    void runOnce_unreferencedBlobWithinGrace_keepsIt() throws Exception {
        Digest fresh = store.add("upload whose record is on its way");
        clock.advance(GRACE.minusMinutes(1));

        GcReport report = collector(0).runOnce();

        assertThat(store.has(fresh)).isTrue();
        assertThat(report.blobsRemoved()).isZero();
        assertThat(report.blobsKept()).isEqualTo(1);
    }

    @Test
    void runOnce_recordUnusedTooLong_removesItAndItsBlobButKeepsAFreshRecordOnTopOfIt() throws Exception {
        Digest parent = store.add("parent layer");
        Digest child = store.add("child layer");
        publish("parent step", parent);
        publish("child step", child);
        clock.advance(UNUSED_AGE.minusDays(1));
        assertThat(index.lookup(NS, key("child step"))).isPresent();
        clock.advance(Duration.ofDays(2));

        GcReport report = collector(0).runOnce();

        assertThat(report.recordsExpired()).isEqualTo(1);
        assertThat(index.lookup(NS, key("parent step"))).isEmpty();
        assertThat(store.has(parent)).isFalse();
        assertThat(index.lookup(NS, key("child step"))).isPresent();
        assertThat(store.has(child)).isTrue();
    }

    @Test
    void runOnce_blobHeldByARecord_keepsIt() throws Exception {
        Digest layer = store.add("cached layer");
        publish("step", layer);
        clock.advance(GRACE.multipliedBy(3));

        GcReport report = collector(0).runOnce();

        assertThat(store.has(layer)).isTrue();
        assertThat(report.blobsRemoved()).isZero();
    }

    @Test
    void runOnce_pinnedRoot_keepsBlobUntilUnpinned() throws Exception {
        Digest kept = store.add("layer of a kept image");
        roots.pin("registry.local/app:1", Set.of(kept));
        clock.advance(GRACE.multipliedBy(2));

        collector(0).runOnce();
        assertThat(store.has(kept)).isTrue();

        roots.unpinAll("registry.local/app:1");
        GcReport report = collector(0).runOnce();
        assertThat(store.has(kept)).isFalse();
        assertThat(report.blobsRemoved()).isEqualTo(1);
    }

    @Test
    void runOnce_buildLease_keepsBlobUntilTheLeaseExpires() throws Exception {
        Digest inUse = store.add("layer a running build reads");
        clock.advance(GRACE.multipliedBy(2));
        leases.hold("build-1", Set.of(inUse), Duration.ofMinutes(10));

        collector(0).runOnce();
        assertThat(store.has(inUse)).isTrue();

        clock.advance(Duration.ofMinutes(11));
        collector(0).runOnce();
        assertThat(store.has(inUse)).isFalse();
    }

    @Test
    void runOnce_recordPublishedWhileBlobsAreListed_keepsTheBlob() throws Exception {
        Digest old = store.add("layer published again by a concurrent build");
        clock.advance(GRACE.multipliedBy(2));
        store.onList(() -> publish("concurrent step", old));

        GcReport report = collector(0).runOnce();

        assertThat(store.has(old)).isTrue();
        assertThat(report.blobsRemoved()).isZero();
        assertThat(index.lookup(NS, key("concurrent step"))).isPresent();
    }

    @Test
    void runOnce_recordPublishedWhileTheBlobIsDeleted_publishFailsAndNoRecordPointsToNothing() throws Exception {
        Digest old = store.add("layer a late build publishes during the delete");
        clock.advance(GRACE.multipliedBy(2));
        java.util.concurrent.atomic.AtomicReference<Throwable> publishFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread[] publisher = new Thread[1];
        store.onDelete(() -> {
            publisher[0] = new Thread(() -> {
                try {
                    publish("late step", old);
                } catch (RuntimeException e) {
                    publishFailure.set(e);
                }
            });
            publisher[0].start();
            // The publish must wait for the delete to finish rather than slip in before it.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    publisher[0].getState() == Thread.State.WAITING || publisher[0].getState() == Thread.State.BLOCKED
                            || publisher[0].getState() == Thread.State.TIMED_WAITING);
        });

        GcReport report = collector(0).runOnce();
        publisher[0].join(10_000);

        assertThat(report.blobsRemoved()).isEqualTo(1);
        assertThat(store.has(old)).isFalse();
        assertThat(publishFailure.get()).isInstanceOf(dev.shipyard.cache.index.BlobGoneException.class)
                .hasMessageContaining("upload it again");
        assertThat(index.referencing(java.util.Set.of(old))).isEmpty();
    }

    @Test
    void runOnce_blobUploadedAgainWhileBlobsAreListed_keepsTheBlob() throws Exception {
        Digest old = store.add("layer uploaded again by a concurrent build");
        clock.advance(GRACE.multipliedBy(2));
        store.onList(() -> {
            try {
                byte[] bytes = "layer uploaded again by a concurrent build".getBytes(StandardCharsets.UTF_8);
                store.put(old, new ByteArrayInputStream(bytes), bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        GcReport report = collector(0).runOnce();

        assertThat(store.has(old)).isTrue();
        assertThat(report.blobsKept()).isEqualTo(1);
    }

    @Test
    void runOnce_overBudget_evictsLeastRecentlyUsedRecordsAndTheirBlobs() throws Exception {
        Digest a = store.add("layer aaaaa");
        Digest b = store.add("layer bbbbb");
        Digest c = store.add("layer ccccc");
        publish("a", a);
        publish("b", b);
        publish("c", c);
        clock.advance(GRACE.multipliedBy(2));
        index.lookup(NS, key("c"));
        clock.advance(Duration.ofMinutes(1));
        index.lookup(NS, key("a"));

        GcReport report = collector(25).runOnce();

        assertThat(report.recordsEvicted()).isEqualTo(1);
        assertThat(store.has(b)).isFalse();
        assertThat(store.has(a)).isTrue();
        assertThat(store.has(c)).isTrue();
        assertThat(index.lookup(NS, key("b"))).isEmpty();
        assertThat(report.bytesRemoved()).isEqualTo(11);
    }

    @Test
    void runIfNoOtherMember_passRunningElsewhere_doesNothing() throws Exception {
        Digest orphan = store.add("orphan");
        clock.advance(GRACE.multipliedBy(2));
        var elsewhere = claims.tryClaim(GarbageCollector.GC_NAMESPACE, GarbageCollector.GC_KEY, Duration.ofMinutes(5));
        assertThat(elsewhere).isPresent();

        assertThat(collector(0).runIfNoOtherMember()).isEmpty();
        assertThat(store.has(orphan)).isTrue();

        elsewhere.get().release();
        assertThat(collector(0).runIfNoOtherMember()).hasValueSatisfying(r -> assertThat(r.blobsRemoved()).isEqualTo(1));
    }
}
