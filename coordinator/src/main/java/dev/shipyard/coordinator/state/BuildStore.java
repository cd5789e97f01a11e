package dev.shipyard.coordinator.state;

import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.PagingPredicate;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Builds and their event logs in Hazelcast, so that any coordinator of the cluster serves any build: records in
 * one map keyed by build id, changed only by entry processors; each build's events in its own ringbuffer.
 *
 * <p>Methods without {@code Async} block on the cluster: call them off the event loop.
 */
public final class BuildStore {
    public static final String MAP = "shipyard-builds";
    static final String EVENTS_PREFIX = "shipyard-build-events-";

    private final HazelcastInstance hazelcast;
    private final IMap<String, BuildRecord> builds;

    private BuildStore(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.builds = hazelcast.getMap(MAP);
    }

    /**
     * A store on {@code hazelcast}; each build keeps its last {@code eventCapacity} events. Every member must
     * be given the same capacity.
     */
    public static BuildStore on(HazelcastInstance hazelcast, int eventCapacity) {
        hazelcast.getConfig().addRingBufferConfig(new RingbufferConfig(EVENTS_PREFIX + "*")
                .setCapacity(eventCapacity).setBackupCount(1));
        return new BuildStore(hazelcast);
    }

    /** Records a new build and starts its event log with its queued state; false when the id is taken. */
    public boolean create(BuildRecord build) {
        if (builds.putIfAbsent(build.id(), build) != null) {
            return false;
        }
        events(build.id()).add(new BuildEvent.StateChanged(build.id(), build.state(), null, null,
                build.createdMillis()));
        return true;
    }

    public Optional<BuildRecord> get(String id) {
        return Optional.ofNullable(builds.get(id));
    }

    /**
     * Applies {@code event} to its build and, when it applies, appends it to the build's log.
     *
     * @return the record after the event, or empty when it did not apply (unknown or finished build, unknown
     *     or finished step, backwards state)
     */
    public Optional<BuildRecord> record(BuildEvent event) {
        BuildRecord after = builds.executeOnKey(event.buildId(), new ApplyEvent(event));
        if (after != null) {
            events(event.buildId()).add(event);
        }
        return Optional.ofNullable(after);
    }

    /**
     * Reads events of a build from {@code from} on, waiting until at least one is there. A {@code from} older
     * than the log keeps starts at its oldest event.
     */
    public CompletionStage<EventBatch> readEventsAsync(String buildId, long from, int max) {
        return events(buildId).readManyAsync(from, 1, max, null).thenApply(BuildStore::batch);
    }

    /** Up to {@code limit} builds with ids after {@code after} (null for the first page), in id order. */
    public BuildPage list(String after, int limit) {
        Predicate<String, BuildRecord> newer = after == null
                ? Predicates.alwaysTrue() : Predicates.greaterThan("__key", after);
        PagingPredicate<String, BuildRecord> page = Predicates.pagingPredicate(newer, new ById(), limit + 1);
        List<BuildRecord> records = new ArrayList<>();
        builds.entrySet(page).forEach(e -> records.add(e.getValue()));
        if (records.size() <= limit) {
            return new BuildPage(records, null);
        }
        List<BuildRecord> shown = records.subList(0, limit);
        return new BuildPage(shown, shown.get(limit - 1).id());
    }

    /** How many builds are in each state, every state included. */
    public Map<BuildState, Long> countByState() {
        return builds.aggregate(new StateCounter());
    }

    /** Fails unless the cluster answers. */
    public void ping() {
        builds.containsKey("");
    }

    private Ringbuffer<BuildEvent> events(String buildId) {
        return hazelcast.getRingbuffer(EVENTS_PREFIX + buildId);
    }

    private static EventBatch batch(ReadResultSet<BuildEvent> read) {
        List<LoggedEvent> events = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            events.add(new LoggedEvent(read.getSequence(i), read.get(i)));
        }
        return new EventBatch(events, read.getNextSequenceToReadFrom());
    }
}
