package dev.shipyard.cache.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipyard.cache.fakes.InMemoryCacheIndex;
import dev.shipyard.cache.fakes.InMemoryGcState;
import dev.shipyard.cache.fakes.SoloClaims;
import dev.shipyard.cache.index.CacheIndex;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.Claims;
import dev.shipyard.oci.Digest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GarbageCollectorTest extends GarbageCollectorContract {
    private InMemoryCacheIndex index;
    private InMemoryGcState state;
    private SoloClaims claims;

    @Override
    protected void prepare() {
        index = new InMemoryCacheIndex(store, clock);
        state = new InMemoryGcState(clock);
        claims = new SoloClaims();
    }

    @Override
    protected CacheIndex index() {
        return index;
    }

    @Override
    protected GcRoots roots() {
        return state;
    }

    @Override
    protected BuildLeases leases() {
        return state;
    }

    @Override
    protected Claims claims() {
        return claims;
    }

    @Test
    void start_shortInterval_runsPassesUntilClosed() {
        Digest orphan = store.add("orphan found by a scheduled pass");
        clock.advance(GRACE.multipliedBy(2));
        GcConfig config = new GcConfig(UNUSED_AGE, GRACE, 0, Duration.ofMillis(50), Duration.ofMinutes(1));

        try (GarbageCollector collector = new GarbageCollector(index, store, state, state, claims, config, clock,
                new CacheMetrics(registry))) {
            collector.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !store.has(orphan));
        }

        assertThat(registry.get("shipyard.cache.gc.removed.blobs").counter().count()).isEqualTo(1.0);
    }
}
