package dev.shipyard.loadtest.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.ClaimOutcome;
import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.cache.index.hazelcast.HazelcastCacheIndex;
import dev.shipyard.cache.index.hazelcast.HazelcastClaims;
import dev.shipyard.cache.index.hazelcast.HazelcastMembers;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the shared cache index on a two-member embedded Hazelcast cluster over loopback TCP:
 * (a) hit lookup latency (p50, p99) with 100,000 records, from each member, split by whether the key's partition
 * is owned by the asking member or the other one; (b) 200 concurrent requests for one missing key: executions
 * (must be 1) and the time until every requester holds the record.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -ntp -q -pl load-tests -am -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp load-tests/target/classes:$(cat load-tests/target/cp.txt) dev.shipyard.loadtest.bench.CacheIndexBenchmark [records] [rounds]
 * </pre>
 */
public final class CacheIndexBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(CacheIndexBenchmark.class);
    private static final CacheNamespace NS = CacheNamespace.of("bench");
    private static final int LOOKUPS = 40_000;
    private static final int REQUESTERS = 200;

    private final List<HazelcastInstance> members;
    private final PresentBlobs blobs = new PresentBlobs();
    private final List<HazelcastCacheIndex> indexes = new ArrayList<>();
    private final List<HazelcastClaims> claims = new ArrayList<>();
    private final List<CacheMetrics> metrics = new ArrayList<>();

    private CacheIndexBenchmark(List<HazelcastInstance> members) {
        this.members = members;
        for (HazelcastInstance member : members) {
            CacheMetrics counters = CacheMetrics.detached();
            HazelcastCacheIndex index = new HazelcastCacheIndex(member, blobs, Clock.systemUTC(), counters);
            indexes.add(index);
            metrics.add(counters);
            claims.add(new HazelcastClaims(member, index, Clock.systemUTC(), Duration.ofSeconds(1), counters));
        }
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<HazelcastInstance> members = HazelcastMembers.startLoopbackCluster("shipyard-bench", 2, Duration.ofSeconds(10));
        try {
            CacheIndexBenchmark bench = new CacheIndexBenchmark(members);
            List<CacheKey> keys = bench.fill(records);
            bench.lookups(keys);
            for (int round = 1; round <= rounds; round++) {
                bench.singleflight(round, false);
            }
            for (int round = 1; round <= rounds; round++) {
                bench.singleflight(round, true);
            }
        } finally {
            members.forEach(m -> m.getLifecycleService().terminate());
        }
    }

    private List<CacheKey> fill(int records) throws Exception {
        long start = System.nanoTime();
        List<CacheKey> keys = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            keys.add(new CacheKey(Digest.sha256("step " + i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int from = t;
                parts.add(pool.submit(() -> {
                    for (int i = from; i < records; i += 16) {
                        Digest blob = Digest.sha256("layer " + i);
                        blobs.add(blob);
                        indexes.get(0).publish(NS, keys.get(i), LayerRecord.of(blob, Digest.sha256("diff " + i), 1024,
                                "application/vnd.oci.image.layer.v1.tar+gzip", java.time.Instant.now()));
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("filled %,d records in %.1f s%n", records, (System.nanoTime() - start) / 1e9);
        return keys;
    }

    private void lookups(List<CacheKey> keys) {
        for (int m = 0; m < members.size(); m++) {
            HazelcastInstance member = members.get(m);
            HazelcastCacheIndex index = indexes.get(m);
            long owned = keys.stream().filter(k -> ownedBy(member, k)).count();
            for (int i = 0; i < LOOKUPS / 2; i++) {
                index.lookup(NS, keys.get(ThreadLocalRandom.current().nextInt(keys.size()))).orElseThrow();
            }
            long[] local = new long[LOOKUPS];
            long[] remote = new long[LOOKUPS];
            int nLocal = 0;
            int nRemote = 0;
            for (int i = 0; i < LOOKUPS; i++) {
                CacheKey key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                long t0 = System.nanoTime();
                index.lookup(NS, key).orElseThrow();
                long took = System.nanoTime() - t0;
                if (ownedBy(member, key)) {
                    local[nLocal++] = took;
                } else {
                    remote[nRemote++] = took;
                }
            }
            long[] all = new long[nLocal + nRemote];
            System.arraycopy(local, 0, all, 0, nLocal);
            System.arraycopy(remote, 0, all, nLocal, nRemote);
            System.out.printf("member %d (owns %,d of %,d keys): hit lookup all %s | owned here %s | owned by the other %s%n",
                    m, owned, keys.size(), percentiles(all, all.length), percentiles(local, nLocal),
                    percentiles(remote, nRemote));
        }
    }

    private static boolean ownedBy(HazelcastInstance member, CacheKey key) {
        Partition partition = member.getPartitionService().getPartition(HazelcastCacheIndex.mapKey(NS, key));
        return member.getCluster().getLocalMember().equals(partition.getOwner());
    }

    private static String percentiles(long[] nanos, int n) {
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return String.format("n=%d p50=%.3f ms p99=%.3f ms", n, sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6);
    }

    private double waited() {
        return metrics.stream().mapToDouble(m -> m.registry().get("shipyard.cache.claims.waited").counter().count()).sum();
    }

    /**
     * One burst of requests for a missing key. With {@code holdUntilAllWait} the claimer completes only once every
     * other requester is waiting, which times the wake-up of the waiters; without it the claimer completes at once
     * and late requesters race it.
     */
    private void singleflight(int round, boolean holdUntilAllWait) throws Exception {
        double waitedBefore = waited();
        java.util.concurrent.atomic.AtomicLong completedAt = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong lastServedAt = new java.util.concurrent.atomic.AtomicLong();
        CacheKey key = new CacheKey(Digest.sha256("missing key, round " + round + " " + System.nanoTime()));
        AtomicInteger executions = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong startedAt = new java.util.concurrent.atomic.AtomicLong();
        CyclicBarrier start = new CyclicBarrier(REQUESTERS, () -> startedAt.set(System.nanoTime()));
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTERS);
        try {
            List<Future<Digest>> results = new ArrayList<>();
            for (int i = 0; i < REQUESTERS; i++) {
                HazelcastClaims mine = claims.get(i % members.size());
                results.add(pool.submit(() -> {
                    start.await();
                    ClaimOutcome outcome = mine.claimOrWait(NS, key, Duration.ofMinutes(1));
                    if (outcome instanceof ClaimOutcome.Claimed claimed) {
                        executions.incrementAndGet();
                        while (holdUntilAllWait && waited() - waitedBefore < REQUESTERS - 1) {
                            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                        }
                        Digest blob = Digest.sha256("built " + key);
                        blobs.add(blob);
                        completedAt.set(System.nanoTime());
                        Digest digest = claimed.handle().complete(LayerRecord.of(blob, blob, 1, "application/octet-stream",
                                java.time.Instant.now())).digest();
                        lastServedAt.accumulateAndGet(System.nanoTime(), Math::max);
                        return digest;
                    }
                    lastServedAt.accumulateAndGet(System.nanoTime(), Math::max);
                    return ((ClaimOutcome.Published) outcome).record().digest();
                }));
            }
            List<Digest> got = new ArrayList<>();
            for (Future<Digest> result : results) {
                got.add(result.get(2, TimeUnit.MINUTES));
            }
            long took = lastServedAt.get() - startedAt.get();
            long distinct = got.stream().distinct().count();
            System.out.printf("singleflight %s round %d: %d requests, %d execution(s), %d distinct record(s), %.0f waited,"
                    + " all served %.1f ms after the start, last waiter %.1f ms after the claimer began publishing%n",
                    holdUntilAllWait ? "all-waiting" : "burst", round, REQUESTERS, executions.get(), distinct,
                    waited() - waitedBefore, took / 1e6, (lastServedAt.get() - completedAt.get()) / 1e6);
            if (executions.get() != 1 || distinct != 1) {
                LOG.error("singleflight broke: {} executions, {} distinct records", executions.get(), distinct);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
