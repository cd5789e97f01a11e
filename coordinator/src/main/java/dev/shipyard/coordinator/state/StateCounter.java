package dev.shipyard.coordinator.state;

import com.hazelcast.aggregation.Aggregator;
import java.util.EnumMap;
import java.util.Map;

/** Counts builds by state where the records live, so a scrape never pulls every record to one member. */
final class StateCounter implements Aggregator<Map.Entry<String, BuildRecord>, Map<BuildState, Long>> {
    private static final long serialVersionUID = 1L;

    private final EnumMap<BuildState, Long> counts = new EnumMap<>(BuildState.class);

    @Override
    public void accumulate(Map.Entry<String, BuildRecord> entry) {
        counts.merge(entry.getValue().state(), 1L, Long::sum);
    }

    @Override
    public void combine(Aggregator aggregator) {
        ((StateCounter) aggregator).counts.forEach((state, n) -> counts.merge(state, n, Long::sum));
    }

    @Override
    public Map<BuildState, Long> aggregate() {
        EnumMap<BuildState, Long> all = new EnumMap<>(BuildState.class);
        for (BuildState state : BuildState.values()) {
            all.put(state, counts.getOrDefault(state, 0L));
        }
        return all;
    }
}
