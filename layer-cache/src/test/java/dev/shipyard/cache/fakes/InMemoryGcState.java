package dev.shipyard.cache.fakes;

import dev.shipyard.cache.gc.BuildLeases;
import dev.shipyard.cache.gc.GcRoots;
import dev.shipyard.oci.Digest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Roots and build leases in maps, leases expiring by the given clock. */
public final class InMemoryGcState implements GcRoots, BuildLeases {
    private final Map<String, Set<Digest>> pins = new ConcurrentHashMap<>();
    private final Map<String, Map.Entry<Set<Digest>, Instant>> leases = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryGcState(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void pin(String holder, Set<Digest> digests) {
        pins.computeIfAbsent(holder, h -> ConcurrentHashMap.newKeySet()).addAll(digests);
    }

    @Override
    public void unpinAll(String holder) {
        pins.remove(holder);
    }

    @Override
    public Set<Digest> pinned() {
        return pins.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
    }

    @Override
    public void hold(String buildId, Set<Digest> digests, Duration ttl) {
        leases.merge(buildId, Map.entry(Set.copyOf(digests), clock.instant().plus(ttl)), (old, added) -> {
            Set<Digest> all = new HashSet<>(old.getKey());
            all.addAll(added.getKey());
            return Map.entry(Set.copyOf(all), added.getValue());
        });
    }

    @Override
    public void release(String buildId) {
        leases.remove(buildId);
    }

    @Override
    public Set<Digest> held() {
        Instant now = clock.instant();
        return leases.values().stream().filter(e -> e.getValue().isAfter(now)).flatMap(e -> e.getKey().stream())
                .collect(Collectors.toSet());
    }
}
