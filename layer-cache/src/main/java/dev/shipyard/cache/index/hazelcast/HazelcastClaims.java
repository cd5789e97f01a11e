package dev.shipyard.cache.index.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.shipyard.cache.index.CacheIndex;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.ClaimHandle;
import dev.shipyard.cache.index.ClaimOutcome;
import dev.shipyard.cache.index.Claims;
import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.cachekey.CacheKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims in a Hazelcast map {@value #MAP}. Waiters sleep until a map event about their key (or a member leaving)
 * wakes them; they also wake every {@code checkInterval} because lease expiry is judged by the injected clock,
 * which no map event follows. Each claim entry also carries a map TTL of twice its lease as a backstop.
 */
public final class HazelcastClaims implements Claims, AutoCloseable {
    public static final String MAP = "shipyard.cache.claims";
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastClaims.class);

    private final HazelcastInstance hazelcast;
    private final IMap<String, ClaimState> claims;
    private final CacheIndex index;
    private final Clock clock;
    private final Duration checkInterval;
    private final CacheMetrics metrics;
    private final String localMember;
    private final ConcurrentHashMap<String, Set<Semaphore>> waiters = new ConcurrentHashMap<>();
    private final UUID entryListener;
    private final UUID membershipListener;

    public HazelcastClaims(HazelcastInstance hazelcast, CacheIndex index, Clock clock, Duration checkInterval,
                           CacheMetrics metrics) {
        this.hazelcast = hazelcast;
        this.claims = hazelcast.getMap(MAP);
        this.index = Objects.requireNonNull(index, "index");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.localMember = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.entryListener = claims.addEntryListener(new WakeWaiters(), false);
        this.membershipListener = hazelcast.getCluster().addMembershipListener(new ReleaseDeparted());
    }

    @Override
    public ClaimOutcome claimOrWait(CacheNamespace namespace, CacheKey key, Duration lease) throws InterruptedException {
        String mapKey = Keys.of(namespace, key);
        Semaphore wakeup = new Semaphore(0);
        waiters.computeIfAbsent(mapKey, k -> ConcurrentHashMap.newKeySet()).add(wakeup);
        try {
            return awaitOutcome(namespace, key, mapKey, lease, wakeup);
        } finally {
            waiters.computeIfPresent(mapKey, (k, set) -> set.remove(wakeup) && set.isEmpty() ? null : set);
        }
    }

    private ClaimOutcome awaitOutcome(CacheNamespace namespace, CacheKey key, String mapKey, Duration lease,
                                      Semaphore wakeup) throws InterruptedException {
        String awaitedToken = null;
        boolean first = true;
        while (true) {
            Optional<LayerRecord> published = first ? index.lookup(namespace, key) : index.lookAgain(namespace, key);
            first = false;
            if (published.isPresent()) {
                return new ClaimOutcome.Published(published.get());
            }
            ClaimState mine = newClaim(lease);
            ClaimState current = claims.putIfAbsent(mapKey, mine, ttl(lease), TimeUnit.MILLISECONDS);
            if (current == null) {
                return claimedUnlessPublished(namespace, key, mine, lease, false);
            }
            if (current.failed() && current.token().equals(awaitedToken)) {
                return new ClaimOutcome.Failed(current.failure());
            }
            if (current.failed() || isDead(current)) {
                if (takeOver(mapKey, current, mine, lease)) {
                    return claimedUnlessPublished(namespace, key, mine, lease, !current.failed());
                }
                continue;
            }
            if (awaitedToken == null) {
                metrics.claimWaited();
            }
            awaitedToken = current.token();
            long untilExpiry = Math.max(1, current.leaseUntilMillis() - clock.millis());
            wakeup.tryAcquire(Math.min(untilExpiry, checkInterval.toMillis()), TimeUnit.MILLISECONDS);
            wakeup.drainPermits();
        }
    }

    /**
     * A claimer publishes before it removes its claim, so a caller that missed the index and then won the claim may
     * have won it only because the record just arrived: looking again after winning makes the execution single.
     */
    private ClaimOutcome claimedUnlessPublished(CacheNamespace namespace, CacheKey key, ClaimState mine, Duration lease,
                                                boolean takenOver) {
        Handle handle = new Handle(namespace, key, mine, lease, takenOver);
        Optional<LayerRecord> published = index.lookAgain(namespace, key);
        if (published.isPresent()) {
            handle.release();
            return new ClaimOutcome.Published(published.get());
        }
        return new ClaimOutcome.Claimed(handle);
    }

    @Override
    public Optional<ClaimHandle> tryClaim(CacheNamespace namespace, CacheKey key, Duration lease) {
        String mapKey = Keys.of(namespace, key);
        ClaimState mine = newClaim(lease);
        ClaimState current = claims.putIfAbsent(mapKey, mine, ttl(lease), TimeUnit.MILLISECONDS);
        if (current == null) {
            return Optional.of(new Handle(namespace, key, mine, lease, false));
        }
        if ((current.failed() || isDead(current)) && takeOver(mapKey, current, mine, lease)) {
            return Optional.of(new Handle(namespace, key, mine, lease, true));
        }
        return Optional.empty();
    }

    private boolean takeOver(String mapKey, ClaimState seen, ClaimState mine, Duration lease) {
        boolean won = claims.executeOnKey(mapKey,
                new ClaimProcessors.TakeOver(seen.token(), seen.leaseUntilMillis(), mine, ttl(lease)));
        if (won && !seen.failed()) {
            metrics.claimTakenOver();
            LOG.info("took over claim {} from member {} (lease ended or member left)", mapKey, seen.owner());
        }
        return won;
    }

    private ClaimState newClaim(Duration lease) {
        return new ClaimState(localMember, UUID.randomUUID().toString(), clock.millis() + lease.toMillis(), null);
    }

    /** A claim whose lease ran out by our clock, or whose member is no longer in the cluster. */
    private boolean isDead(ClaimState claim) {
        if (clock.millis() >= claim.leaseUntilMillis()) {
            return true;
        }
        for (Member member : hazelcast.getCluster().getMembers()) {
            if (member.getUuid().toString().equals(claim.owner())) {
                return false;
            }
        }
        return true;
    }

    private static long ttl(Duration lease) {
        return Math.max(1000, lease.toMillis() * 2);
    }

    private void wake(String mapKey) {
        Set<Semaphore> set = waiters.get(mapKey);
        if (set != null) {
            set.forEach(Semaphore::release);
        }
    }

    @Override
    public void close() {
        claims.removeEntryListener(entryListener);
        hazelcast.getCluster().removeMembershipListener(membershipListener);
    }

    private final class Handle implements ClaimHandle {
        private final CacheNamespace namespace;
        private final CacheKey key;
        private final String mapKey;
        private final ClaimState claim;
        private final Duration lease;
        private final boolean takenOver;

        Handle(CacheNamespace namespace, CacheKey key, ClaimState claim, Duration lease, boolean takenOver) {
            this.namespace = namespace;
            this.key = key;
            this.mapKey = Keys.of(namespace, key);
            this.claim = claim;
            this.lease = lease;
            this.takenOver = takenOver;
        }

        @Override
        public CacheNamespace namespace() {
            return namespace;
        }

        @Override
        public CacheKey key() {
            return key;
        }

        @Override
        public boolean takenOver() {
            return takenOver;
        }

        @Override
        public boolean renew() {
            return claims.executeOnKey(mapKey,
                    new ClaimProcessors.Renew(claim.token(), clock.millis() + lease.toMillis(), ttl(lease)));
        }

        @Override
        public LayerRecord complete(LayerRecord record) {
            LayerRecord filed = index.publish(namespace, key, record);
            claims.executeOnKey(mapKey, new ClaimProcessors.Remove(claim.token()));
            return filed;
        }

        @Override
        public void fail(String reason) {
            claims.executeOnKey(mapKey, new ClaimProcessors.Fail(claim.token(), reason, ttl(lease)));
        }

        @Override
        public void release() {
            claims.executeOnKey(mapKey, new ClaimProcessors.Remove(claim.token()));
        }
    }

    /** A waiter waits on an existing claim, so only its update or end matters; additions wake nobody. */
    private final class WakeWaiters implements EntryUpdatedListener<String, ClaimState>, EntryRemovedListener<String, ClaimState>,
            EntryEvictedListener<String, ClaimState>, EntryExpiredListener<String, ClaimState> {
        @Override
        public void entryUpdated(EntryEvent<String, ClaimState> event) {
            wake(event.getKey());
        }

        @Override
        public void entryRemoved(EntryEvent<String, ClaimState> event) {
            wake(event.getKey());
        }

        @Override
        public void entryEvicted(EntryEvent<String, ClaimState> event) {
            wake(event.getKey());
        }

        @Override
        public void entryExpired(EntryEvent<String, ClaimState> event) {
            wake(event.getKey());
        }
    }

    /** When a member leaves, its claims are dead at once: wake every local waiter so one of them takes over. */
    private final class ReleaseDeparted implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent event) {
            // a new member holds no claims yet
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            LOG.info("member {} left; its claims pass to waiters", event.getMember().getUuid());
            waiters.keySet().forEach(HazelcastClaims.this::wake);
        }
    }
}
