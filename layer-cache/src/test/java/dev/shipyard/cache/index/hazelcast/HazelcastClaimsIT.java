package dev.shipyard.cache.index.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipyard.cache.fakes.InMemoryBlobStore;
import dev.shipyard.cache.fakes.MutableClock;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.ClaimHandle;
import dev.shipyard.cache.index.ClaimOutcome;
import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Singleflight over three real members: one execution per key, hand-over when a claimer dies or lapses. */
class HazelcastClaimsIT {
    private static final CacheNamespace NS = CacheNamespace.of("team-a");
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static Cluster cluster;

    private MutableClock clock;
    private InMemoryBlobStore store;
    private SimpleMeterRegistry registry;
    private List<HazelcastClaims> claims;
    private ExecutorService pool;

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
        claims = new ArrayList<>();
        cluster.members().forEach(m -> claims.add(claimsOn(m, clock)));
        pool = Executors.newCachedThreadPool();
    }

    private HazelcastClaims claimsOn(com.hazelcast.core.HazelcastInstance member, java.time.Clock clock) {
        CacheMetrics metrics = new CacheMetrics(registry);
        return new HazelcastClaims(member, new HazelcastCacheIndex(member, store, clock, metrics), clock,
                Duration.ofMillis(200), metrics);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        claims.forEach(HazelcastClaims::close);
    }

    private static CacheKey key(String name) {
        return new CacheKey(Digest.sha256(name));
    }

    /** What an executing claimer does: store the layer, then publish it. */
    private LayerRecord execute(String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(bytes);
        store.put(digest, new ByteArrayInputStream(bytes), bytes.length);
        return LayerRecord.of(digest, Digest.sha256("diff " + content), bytes.length, "application/vnd.oci.image.layer.v1.tar",
                clock.instant());
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void claimOrWait_200ConcurrentCallersAcrossMembers_executesOnceAndAllGetTheRecord() throws Exception {
        int callers = 200;
        AtomicInteger executions = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(callers);
        List<Future<LayerRecord>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            HazelcastClaims mine = claims.get(i % 3);
            results.add(pool.submit(() -> {
                start.await();
                ClaimOutcome outcome = mine.claimOrWait(NS, key("RUN apt-get install"), LEASE);
                if (outcome instanceof ClaimOutcome.Claimed claimed) {
                    executions.incrementAndGet();
                    // finish only once every other caller is waiting, so all of them really wait
                    await().atMost(Duration.ofSeconds(60)).until(() -> counter("shipyard.cache.claims.waited") >= callers - 1);
                    return claimed.handle().complete(execute("the one layer"));
                }
                return ((ClaimOutcome.Published) outcome).record();
            }));
        }

        List<LayerRecord> records = new ArrayList<>();
        for (Future<LayerRecord> result : results) {
            records.add(result.get(90, TimeUnit.SECONDS));
        }

        assertThat(executions).hasValue(1);
        assertThat(records).hasSize(callers).allSatisfy(r -> assertThat(r.digest()).isEqualTo(records.get(0).digest()));
        assertThat(counter("shipyard.cache.claims.waited")).isEqualTo(callers - 1);
        assertThat(counter("shipyard.cache.claims.taken.over")).isZero();
        assertThat(registry.get("shipyard.cache.index.misses").tag("namespace", "team-a").counter().count()).isEqualTo(callers);
        assertThat(registry.get("shipyard.cache.index.hits").tag("namespace", "team-a").counter().count()).isEqualTo(callers - 1);
    }

    @Test
    void claimOrWait_burstsWhereTheClaimerFinishesAtOnce_executeOncePerKey() throws Exception {
        for (int round = 0; round < 10; round++) {
            String keyName = "burst " + round;
            AtomicInteger executions = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(60);
            List<Future<Digest>> results = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                HazelcastClaims mine = claims.get(i % 3);
                results.add(pool.submit(() -> {
                    start.await();
                    ClaimOutcome outcome = mine.claimOrWait(NS, key(keyName), LEASE);
                    if (outcome instanceof ClaimOutcome.Claimed claimed) {
                        executions.incrementAndGet();
                        return claimed.handle().complete(execute(keyName)).digest();
                    }
                    return ((ClaimOutcome.Published) outcome).record().digest();
                }));
            }
            List<Digest> digests = new ArrayList<>();
            for (Future<Digest> result : results) {
                digests.add(result.get(60, TimeUnit.SECONDS));
            }

            assertThat(executions).as("executions in round %d", round).hasValue(1);
            assertThat(digests).containsOnly(Digest.sha256(keyName));
        }
    }

    @Test
    void claimOrWait_leaseExpiredByTheClock_exactlyOneWaiterTakesOver() throws Exception {
        ClaimHandle first = ((ClaimOutcome.Claimed) claims.get(0).claimOrWait(NS, key("k"), LEASE)).handle();
        List<CompletableFuture<ClaimOutcome>> waiters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HazelcastClaims mine = claims.get(1 + i % 2);
            waiters.add(CompletableFuture.supplyAsync(() -> claimOrWait(mine, "k"), pool));
        }
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                .until(() -> waiters.stream().noneMatch(CompletableFuture::isDone));

        clock.advance(LEASE.plusSeconds(1));

        CompletableFuture<Object> someone = CompletableFuture.anyOf(waiters.toArray(CompletableFuture[]::new));
        ClaimOutcome taken = (ClaimOutcome) someone.get(10, TimeUnit.SECONDS);
        assertThat(taken).isInstanceOf(ClaimOutcome.Claimed.class);
        assertThat(((ClaimOutcome.Claimed) taken).handle().takenOver()).isTrue();
        assertThat(waiters.stream().filter(CompletableFuture::isDone)).hasSize(1);
        assertThat(first.renew()).isFalse();
        assertThat(counter("shipyard.cache.claims.taken.over")).isEqualTo(1);

        LayerRecord done = ((ClaimOutcome.Claimed) taken).handle().complete(execute("after take-over"));
        for (CompletableFuture<ClaimOutcome> waiter : waiters) {
            ClaimOutcome outcome = waiter.get(10, TimeUnit.SECONDS);
            if (outcome != taken) {
                assertThat(((ClaimOutcome.Published) outcome).record().digest()).isEqualTo(done.digest());
            }
        }
    }

    @Test
    void renew_beforeTheLeaseEnds_keepsTheClaim() {
        ClaimHandle handle = claims.get(0).tryClaim(NS, key("long step"), LEASE).orElseThrow();
        clock.advance(LEASE.minusSeconds(10));
        assertThat(handle.renew()).isTrue();
        clock.advance(LEASE.minusSeconds(10));

        assertThat(claims.get(1).tryClaim(NS, key("long step"), LEASE)).isEmpty();

        clock.advance(Duration.ofSeconds(20));
        assertThat(claims.get(1).tryClaim(NS, key("long step"), LEASE)).hasValueSatisfying(h -> assertThat(h.takenOver()).isTrue());
    }

    @Test
    void fail_whileOthersWait_tellsThemWhyAndTheNextCallerClaimsAfresh() throws Exception {
        ClaimHandle handle = ((ClaimOutcome.Claimed) claims.get(0).claimOrWait(NS, key("RUN false"), LEASE)).handle();
        CompletableFuture<ClaimOutcome> waiter = CompletableFuture.supplyAsync(() -> claimOrWait(claims.get(1), "RUN false"), pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("shipyard.cache.claims.waited") >= 1);

        handle.fail("exit status 1");

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo(new ClaimOutcome.Failed("exit status 1"));
        assertThat(claims.get(2).claimOrWait(NS, key("RUN false"), LEASE)).isInstanceOf(ClaimOutcome.Claimed.class);
    }

    @Test
    void release_whileOthersWait_passesTheClaimToOneWaiter() throws Exception {
        ClaimHandle handle = ((ClaimOutcome.Claimed) claims.get(0).claimOrWait(NS, key("k"), LEASE)).handle();
        CompletableFuture<ClaimOutcome> waiter = CompletableFuture.supplyAsync(() -> claimOrWait(claims.get(1), "k"), pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("shipyard.cache.claims.waited") >= 1);

        handle.release();

        ClaimOutcome outcome = waiter.get(10, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(ClaimOutcome.Claimed.class);
        assertThat(((ClaimOutcome.Claimed) outcome).handle().takenOver()).isFalse();
    }

    @Test
    void claimOrWait_sameKeyInAnotherNamespace_claimsIndependently() throws Exception {
        assertThat(claims.get(0).claimOrWait(NS, key("k"), LEASE)).isInstanceOf(ClaimOutcome.Claimed.class);

        assertThat(claims.get(1).claimOrWait(CacheNamespace.of("team-b"), key("k"), LEASE))
                .isInstanceOf(ClaimOutcome.Claimed.class);
        assertThat(claims.get(2).tryClaim(NS, key("k"), LEASE)).isEmpty();
    }

    @Test
    void claimOrWait_keyAlreadyPublished_answersTheRecordWithoutClaiming() throws Exception {
        ClaimHandle handle = ((ClaimOutcome.Claimed) claims.get(0).claimOrWait(NS, key("k"), LEASE)).handle();
        LayerRecord record = handle.complete(execute("cached"));

        ClaimOutcome outcome = claims.get(1).claimOrWait(NS, key("k"), LEASE);

        assertThat(outcome).isEqualTo(new ClaimOutcome.Published(record.touched(clock.instant())));
    }

    private ClaimOutcome claimOrWait(HazelcastClaims mine, String keyName) {
        try {
            return mine.claimOrWait(NS, key(keyName), LEASE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a claim", e);
        }
    }
}
