package dev.shipyard.cache.index.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.cache.fakes.InMemoryBlobStore;
import dev.shipyard.cache.fakes.MutableClock;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The index over three real members: records published on one are seen by the others. */
class HazelcastCacheIndexIT {
    private static final CacheNamespace TEAM_A = CacheNamespace.of("team-a");
    private static final CacheNamespace TEAM_B = CacheNamespace.of("team-b");
    private static Cluster cluster;

    private MutableClock clock;
    private InMemoryBlobStore store;
    private SimpleMeterRegistry registry;
    private List<HazelcastCacheIndex> indexes;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void setUp() {
        cluster.clear();
        clock = MutableClock.startingNow();
        store = new InMemoryBlobStore(clock);
        registry = new SimpleMeterRegistry();
        indexes = new ArrayList<>();
        cluster.members().forEach(m -> indexes.add(new HazelcastCacheIndex(m, store, clock, new CacheMetrics(registry))));
    }

    private LayerRecord record(Digest blob) {
        return LayerRecord.of(blob, Digest.sha256("diff " + blob), 42, "application/vnd.oci.image.layer.v1.tar+gzip",
                clock.instant());
    }

    private static CacheKey key(String name) {
        return new CacheKey(Digest.sha256(name));
    }

    @Test
    void lookup_publishedOnAnotherMember_hitsWithTheSameRecord() {
        LayerRecord published = record(store.add("layer"));
        indexes.get(0).publish(TEAM_A, key("RUN make"), published);
        clock.advance(Duration.ofSeconds(5));

        for (HazelcastCacheIndex index : indexes.subList(1, 3)) {
            LayerRecord found = index.lookup(TEAM_A, key("RUN make")).orElseThrow();
            assertThat(found.digest()).isEqualTo(published.digest());
            assertThat(found.diffId()).isEqualTo(published.diffId());
            assertThat(found.created()).isEqualTo(published.created());
            assertThat(found.lastUsed()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
        assertThat(indexes.get(0).lookup(TEAM_A, key("RUN make")).orElseThrow().hitCount()).isEqualTo(3);
    }

    @Test
    void publish_sameKeyTwiceFromTwoMembers_keepsTheFirstRecord() {
        LayerRecord first = record(store.add("first bytes"));
        LayerRecord second = record(store.add("second bytes"));

        assertThat(indexes.get(0).publish(TEAM_A, key("k"), first)).isEqualTo(first);
        assertThat(indexes.get(1).publish(TEAM_A, key("k"), second)).isEqualTo(first);

        assertThat(indexes.get(2).entries()).hasSize(1);
        assertThat(indexes.get(2).lookup(TEAM_A, key("k")).orElseThrow().digest()).isEqualTo(first.digest());
    }

    @Test
    void lookup_blobGoneFromStore_missesAndRemovesTheRecord() throws Exception {
        Digest blob = store.add("deleted behind the index's back");
        indexes.get(0).publish(TEAM_A, key("k"), record(blob));
        store.delete(blob);

        assertThat(indexes.get(1).lookup(TEAM_A, key("k"))).isEmpty();

        assertThat(indexes.get(2).entries()).isEmpty();
        assertThat(registry.get("shipyard.cache.index.misses").tag("namespace", "team-a").counter().count()).isEqualTo(1);
    }

    @Test
    void lookup_otherNamespace_neverSeesOrReplacesTheRecord() {
        LayerRecord a = record(store.add("team a's layer"));
        LayerRecord b = record(store.add("team b's layer"));
        indexes.get(0).publish(TEAM_A, key("same key"), a);

        assertThat(indexes.get(1).lookup(TEAM_B, key("same key"))).isEmpty();
        assertThat(indexes.get(1).publish(TEAM_B, key("same key"), b)).isEqualTo(b);

        assertThat(indexes.get(2).lookup(TEAM_A, key("same key")).orElseThrow().digest()).isEqualTo(a.digest());
        assertThat(indexes.get(2).lookup(TEAM_B, key("same key")).orElseThrow().digest()).isEqualTo(b.digest());
        assertThat(registry.get("shipyard.cache.index.hits").tag("namespace", "team-a").counter().count()).isEqualTo(1);
        assertThat(registry.get("shipyard.cache.index.misses").tag("namespace", "team-b").counter().count()).isEqualTo(1);
    }

    @Test
    void lookup_concurrentHitsOnAllMembers_countsEveryHit() throws Exception {
        indexes.get(0).publish(TEAM_A, key("popular"), record(store.add("popular layer")));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> hits = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                HazelcastCacheIndex index = indexes.get(i % 3);
                hits.add(pool.submit(() -> index.lookup(TEAM_A, key("popular")).orElseThrow()));
            }
            for (Future<?> hit : hits) {
                hit.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(indexes.get(1).entries().findFirst().orElseThrow().record().hitCount()).isEqualTo(150);
    }

    @Test
    void referencing_recordsOnSeveralMembers_answersOnlyReferencedDigests() {
        Digest used = store.add("used");
        Digest unused = store.add("unused");
        indexes.get(0).publish(TEAM_A, key("a"), record(used));
        indexes.get(1).publish(TEAM_B, key("b"), record(used));

        assertThat(indexes.get(2).referencing(java.util.Set.of(used, unused))).containsExactly(used);
    }
}
