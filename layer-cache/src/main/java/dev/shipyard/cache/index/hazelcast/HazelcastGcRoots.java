package dev.shipyard.cache.index.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import dev.shipyard.cache.gc.GcRoots;
import dev.shipyard.oci.Digest;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** GC roots in a Hazelcast map {@value #MAP} keyed {@code <holder>|<digest>}, so pins of one holder drop together. */
public final class HazelcastGcRoots implements GcRoots {
    public static final String MAP = "shipyard.cache.gc.roots";
    private final IMap<String, String> pins;

    public HazelcastGcRoots(HazelcastInstance hazelcast) {
        this.pins = hazelcast.getMap(MAP);
    }

    @Override
    public void pin(String holder, Set<Digest> digests) {
        if (holder.contains("|")) {
            throw new IllegalArgumentException("invalid GC root holder '" + holder + "': it must not contain '|'");
        }
        digests.forEach(d -> pins.set(holder + "|" + d, holder));
    }

    @Override
    public void unpinAll(String holder) {
        pins.removeAll(new HeldBy(holder));
    }

    @Override
    public Set<Digest> pinned() {
        return pins.keySet().stream()
                .map(k -> Digest.parse(k.substring(k.indexOf('|') + 1)))
                .collect(Collectors.toSet());
    }

    private record HeldBy(String holder) implements Predicate<String, String> {
        @Override
        public boolean apply(Map.Entry<String, String> entry) {
            return holder.equals(entry.getValue());
        }
    }
}
