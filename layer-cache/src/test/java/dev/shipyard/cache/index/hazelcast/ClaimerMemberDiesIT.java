package dev.shipyard.cache.index.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.cache.fakes.InMemoryBlobStore;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.ClaimOutcome;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A member terminated while it holds a claim: a waiter on another member takes over well within the lease. */
class ClaimerMemberDiesIT {
    private static final CacheNamespace NS = CacheNamespace.of("team-a");
    private static final Duration LEASE = Duration.ofSeconds(45);
    private final Cluster cluster = Cluster.start(3);

    @AfterEach
    void stop() {
        cluster.close();
    }

    private HazelcastClaims claimsOn(int member) {
        Clock clock = Clock.systemUTC();
        CacheMetrics metrics = CacheMetrics.detached();
        return new HazelcastClaims(cluster.member(member),
                new HazelcastCacheIndex(cluster.member(member), new InMemoryBlobStore(clock), clock, metrics), clock,
                Duration.ofSeconds(1), metrics);
    }

    @Test
    void claimOrWait_claimerMemberTerminated_waiterOnAnotherMemberTakesOverWithinTheLease() throws Exception {
        CacheKey key = new CacheKey(Digest.sha256("RUN on a doomed worker"));
        HazelcastClaims doomed = claimsOn(2);
        HazelcastClaims survivor = claimsOn(0);
        assertThat(doomed.claimOrWait(NS, key, LEASE)).isInstanceOf(ClaimOutcome.Claimed.class);
        CompletableFuture<ClaimOutcome> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return survivor.claimOrWait(NS, key, LEASE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
        long killedAt = System.nanoTime();

        cluster.member(2).getLifecycleService().terminate();

        ClaimOutcome outcome = waiter.get(LEASE.toSeconds(), TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        LoggerFactory.getLogger(ClaimerMemberDiesIT.class).info("claim taken over {} ms after its member was terminated", tookMillis);
        assertThat(outcome).isInstanceOf(ClaimOutcome.Claimed.class);
        assertThat(((ClaimOutcome.Claimed) outcome).handle().takenOver()).isTrue();
        assertThat(tookMillis).isLessThan(LEASE.toMillis() / 2);
        assertThat(claimsOn(1).tryClaim(NS, key, LEASE)).isEmpty();
        survivor.close();
    }
}
