package dev.shipyard.cache.index.hazelcast;

import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Real embedded members over loopback TCP for one test class, with fast failure detection. */
public final class Cluster implements AutoCloseable {
    private final List<HazelcastInstance> members;

    private Cluster(List<HazelcastInstance> members) {
        this.members = members;
    }

    public static Cluster start(int size) {
        List<HazelcastInstance> members = HazelcastMembers.startLoopbackCluster("shipyard-test-" + UUID.randomUUID(),
                size, Duration.ofSeconds(4));
        await().atMost(Duration.ofSeconds(60)).until(
                () -> members.stream().allMatch(m -> m.getCluster().getMembers().size() == size));
        return new Cluster(members);
    }

    public HazelcastInstance member(int i) {
        return members.get(i);
    }

    public List<HazelcastInstance> members() {
        return members;
    }

    /** Empties every map the cache uses, between tests. */
    public void clear() {
        HazelcastInstance any = members.stream().filter(m -> m.getLifecycleService().isRunning()).findFirst().orElseThrow();
        for (String map : List.of(HazelcastCacheIndex.MAP, HazelcastClaims.MAP, HazelcastGcRoots.MAP, HazelcastBuildLeases.MAP)) {
            any.getMap(map).clear();
        }
    }

    @Override
    public void close() {
        members.forEach(m -> {
            if (m.getLifecycleService().isRunning()) {
                m.getLifecycleService().terminate();
            }
        });
    }
}
