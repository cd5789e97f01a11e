package dev.shipyard.cache.gc;

import dev.shipyard.cache.index.CacheIndex;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.Claims;
import dev.shipyard.cache.index.hazelcast.Cluster;
import dev.shipyard.cache.index.hazelcast.HazelcastBuildLeases;
import dev.shipyard.cache.index.hazelcast.HazelcastCacheIndex;
import dev.shipyard.cache.index.hazelcast.HazelcastClaims;
import dev.shipyard.cache.index.hazelcast.HazelcastGcRoots;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The garbage-collection contract against two real Hazelcast members: records on one, collection run from the other. */
class GarbageCollectorIT extends GarbageCollectorContract {
    private static Cluster cluster;
    private HazelcastCacheIndex index;
    private HazelcastClaims claims;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.start(2);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Override
    protected void prepare() {
        cluster.clear();
        index = new HazelcastCacheIndex(cluster.member(0), store, clock, CacheMetrics.detached());
        claims = new HazelcastClaims(cluster.member(1), index, clock, Duration.ofMillis(200), CacheMetrics.detached());
    }

    @AfterEach
    void closeClaims() {
        claims.close();
    }

    @Override
    protected CacheIndex index() {
        return index;
    }

    @Override
    protected GcRoots roots() {
        return new HazelcastGcRoots(cluster.member(1));
    }

    @Override
    protected BuildLeases leases() {
        return new HazelcastBuildLeases(cluster.member(1), clock);
    }

    @Override
    protected Claims claims() {
        return claims;
    }
}
