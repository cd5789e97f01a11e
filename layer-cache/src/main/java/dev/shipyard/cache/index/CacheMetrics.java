package dev.shipyard.cache.index;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Objects;

/** Counters of the cache index, its claims and garbage collection, registered in the given registry. */
public final class CacheMetrics {
    private final MeterRegistry registry;
    private final Counter claimsWaited;
    private final Counter claimsTakenOver;
    private final Counter gcRecords;
    private final Counter gcBlobs;
    private final Counter gcBytes;

    public CacheMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.claimsWaited = Counter.builder("shipyard.cache.claims.waited")
                .description("callers that waited for another claimer's execution").register(registry);
        this.claimsTakenOver = Counter.builder("shipyard.cache.claims.taken.over")
                .description("claims taken over from a dead or expired claimer").register(registry);
        this.gcRecords = Counter.builder("shipyard.cache.gc.removed.records").register(registry);
        this.gcBlobs = Counter.builder("shipyard.cache.gc.removed.blobs").register(registry);
        this.gcBytes = Counter.builder("shipyard.cache.gc.removed.bytes").baseUnit("bytes").register(registry);
    }

    /** Metrics that go nowhere visible, for tools and tests that do not report them. */
    public static CacheMetrics detached() {
        return new CacheMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void hit(CacheNamespace namespace) {
        registry.counter("shipyard.cache.index.hits", "namespace", namespace.name()).increment();
    }

    public void miss(CacheNamespace namespace) {
        registry.counter("shipyard.cache.index.misses", "namespace", namespace.name()).increment();
    }

    public void claimWaited() {
        claimsWaited.increment();
    }

    public void claimTakenOver() {
        claimsTakenOver.increment();
    }

    public void gcRemoved(long records, long blobs, long bytes) {
        gcRecords.increment(records);
        gcBlobs.increment(blobs);
        gcBytes.increment(bytes);
    }
}
