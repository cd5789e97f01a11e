package dev.shipyard.cache.index.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import dev.shipyard.cache.gc.BuildLeases;
import dev.shipyard.oci.Digest;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Build leases in a Hazelcast map {@value #MAP}, keyed by build id; expiry is judged by the injected clock. */
public final class HazelcastBuildLeases implements BuildLeases {
    public static final String MAP = "shipyard.cache.gc.leases";
    private final IMap<String, Lease> leases;
    private final Clock clock;

    public HazelcastBuildLeases(HazelcastInstance hazelcast, Clock clock) {
        this.leases = hazelcast.getMap(MAP);
        this.clock = clock;
    }

    @Override
    public void hold(String buildId, Set<Digest> digests, Duration ttl) {
        Set<String> added = digests.stream().map(Digest::toString).collect(Collectors.toCollection(HashSet::new));
        leases.executeOnKey(buildId, new Hold(added, clock.millis() + ttl.toMillis()));
    }

    @Override
    public void release(String buildId) {
        leases.delete(buildId);
    }

    @Override
    public Set<Digest> held() {
        long now = clock.millis();
        leases.removeAll(new ExpiredAt(now));
        return leases.values().stream()
                .filter(l -> l.untilMillis() > now)
                .flatMap(l -> l.digests().stream())
                .map(Digest::parse)
                .collect(Collectors.toSet());
    }

    /** A lease value: the digests a build holds and until when. */
    record Lease(Set<String> digests, long untilMillis) implements Serializable {
    }

    private record Hold(Set<String> added, long untilMillis) implements EntryProcessor<String, Lease, Void> {
        @Override
        public Void process(Map.Entry<String, Lease> entry) {
            Set<String> digests = new HashSet<>(added);
            if (entry.getValue() != null) {
                digests.addAll(entry.getValue().digests());
            }
            entry.setValue(new Lease(digests, untilMillis));
            return null;
        }
    }

    private record ExpiredAt(long nowMillis) implements Predicate<String, Lease> {
        @Override
        public boolean apply(Map.Entry<String, Lease> entry) {
            return entry.getValue().untilMillis() <= nowMillis;
        }
    }
}
